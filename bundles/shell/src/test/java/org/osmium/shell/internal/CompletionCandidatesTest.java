package org.osmium.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.shell.internal.CompletionCandidates.Completion;

/** What Tab offers, for a session with a virt machine, in a directory with a few files. */
class CompletionCandidatesTest {
    private final GogoHarness gogo = new GogoHarness();
    private final CommandSession session = gogo.session(new ByteArrayOutputStream());
    private final CompletionCandidates candidates = new CompletionCandidates(gogo.manager, session);
    @TempDir
    Path directory;

    @BeforeEach
    void composeAMachine() throws Exception {
        session.execute("create virt");
        session.currentDir(directory);
    }

    @AfterEach
    void close() {
        gogo.close();
    }

    /** The values offered for the last word of {@code line} (everything after its last space). */
    private List<String> values(String line) {
        return completions(line).stream().map(Completion::value).toList();
    }

    private List<Completion> completions(String line) {
        List<String> words = Arrays.asList(line.split(" ", -1));
        return candidates.complete(words.subList(0, words.size() - 1), words.get(words.size() - 1));
    }

    @Test
    void commandNamesWithAndWithoutScope() {
        assertEquals(List.of("rebase", "regs", "reload", "remove", "reset", "resize", "resume"), values("re"));
        assertEquals(List.of("img:rebase", "img:resize"), values("img:re"));
        assertEquals(List.of("machine:save", "machine:set", "machine:show", "machine:start", "machine:step", "machine:swap"), values("machine:s"));
        assertTrue(values("").containsAll(List.of("exit", "help", "osmium:help", "wait", "machine:wait")));
        assertEquals(List.of("machine:models", "models"), values("help m").stream().filter(v -> v.contains("models")).toList());
    }

    @Test
    void modelsThenPropertyKeysOfTheModel() {
        assertEquals(List.of("ns16550a"), values("add ns"));
        assertEquals(List.of(), values("add ns16550a "));
        assertEquals(List.of("base=", "clock=", "chardev=", "fifo="), values("add ns16550a uart1 "));
        assertEquals(List.of("clock=", "fifo="), values("machine:add ns16550a uart1 base=0x10000100 chardev=null "));
        assertEquals(List.of(new Completion("chardev=", false)), completions("add ns16550a uart1 ch"));
        assertEquals(List.of("chardev=stdio", "chardev=null", "chardev=file:", "chardev=socket:"), values("add ns16550a uart1 chardev="));
        assertEquals(List.of(new Completion("chardev=file:", false)), completions("add ns16550a:0.1.0 uart1 chardev=f"));
        assertEquals(List.of("fifo=on", "fifo=off"), values("add ns16550a uart1 fifo="));
        assertEquals(List.of("size=128M"), values("add ram ram1 size="));
        assertEquals(List.of(), values("add nosuch x1 "));
    }

    @Test
    void deviceIdsAndTheirModelsProperties() {
        assertEquals(List.of("ram0", "hart0", "test0", "uart0"), values("show "));
        assertEquals(List.of("uart0"), values("set u"));
        assertEquals(List.of("base=", "clock=", "fifo="), values("set uart0 chardev=stdio "));
        assertEquals(List.of("hart0"), values("regs "));
        assertEquals(List.of("uart0."), values("wire ua"));
        assertEquals(List.of("ns16550a", "ns16550a:0.1.0"), values("swap uart0 ns"));
        assertEquals(List.of("m0"), values("use "));
        assertEquals(List.of(), values("start "));
    }

    @Test
    void boardsAndFilesRelativeToTheSessionDirectory() throws Exception {
        Files.writeString(directory.resolve("virt-small.board"), "");
        Files.createDirectories(directory.resolve("guests"));
        Files.writeString(directory.resolve("guests/hello.elf"), "");
        Files.writeString(directory.resolve(".hidden"), "");
        assertEquals(List.of("virt", "virt-small.board"), values("create demo vi"));
        assertEquals(List.of(new Completion("guests/", false)), completions("load g"));
        assertEquals(List.of(new Completion("guests/hello.elf", true)), completions("load guests/"));
        assertEquals(List.of(".hidden"), values("save ."));
        assertEquals(List.of(), values("load nowhere/x"));
    }
}
