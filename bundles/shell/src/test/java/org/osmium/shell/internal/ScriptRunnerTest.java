package org.osmium.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.runtime.MachineStatus;

/** Scripts run line by line through a real Gogo processor; the first failure stops them with FILE:LINE. */
class ScriptRunnerTest {
    private final GogoHarness gogo = new GogoHarness();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        gogo.close();
    }

    private int run(String script) throws Exception {
        Path file = Files.writeString(directory.resolve("test.osh"), script);
        return new ScriptRunner(gogo.processor, gogo.manager).run(file,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aGoodScriptRunsEveryLineAndReturnsZero() throws Exception {
        int status = run("""
                # compose a board line by line
                machine:create demo

                add ram ram0 base=0x80000000 size=64K
                add ns16550a uart0 base=0x10000000 chardev=null
                """);
        assertEquals(0, status);
        assertEquals("""
                created machine demo (empty)
                added ram0 to demo: ram 0.1.0 at ram 0x80000000-0x8000ffff
                added uart0 to demo: ns16550a 0.1.0 at ns16550a 0x10000000-0x100000ff
                """, out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, gogo.manager.noticeListenerCount());
    }

    @Test
    void theFirstFailureStopsTheScriptWithFileAndLine() throws Exception {
        int status = run("""
                create virt
                # a typo in a property
                add ns16550a uart1 bsae=0x10000100
                add ns16550a uart2 base=0x10000200
                """);
        assertEquals(1, status);
        assertEquals(directory.resolve("test.osh") + ":3: unknown property 'bsae' of ns16550a\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(4, gogo.manager.machines().get(0).devices().size());
    }

    @Test
    void anUnknownCommandFailsTheScript() throws Exception {
        assertEquals(1, run("frobnicate 1 2\n"));
        assertEquals(directory.resolve("test.osh") + ":1: Command not found: frobnicate ('help' lists the commands)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedGuestFailsTheScriptAtItsWaitLine() throws Exception {
        gogo.manager.create("guest", null);
        ((InMemoryMachine) gogo.manager.machine("guest")).powerOff(1);
        assertEquals(1, run("use guest\nwait\nshow\n"));
        assertEquals(directory.resolve("test.osh") + ":2: guest: the guest powered off with exit status 1\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitEndsTheScriptWithItsStatus() throws Exception {
        assertEquals(3, run("create\nexit 3\nfrobnicate\n"));
        assertEquals(1, run("exit now\n"));
        assertEquals(directory.resolve("test.osh") + ":1: exit takes one status from 0 to 255: exit [STATUS]\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingScriptIsRefused() {
        Path missing = directory.resolve("missing.osh");
        assertEquals(1, new ScriptRunner(gogo.processor, gogo.manager).run(missing, new PrintStream(out), new PrintStream(err, true)));
        assertEquals(missing + ": no such script file\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noticesGoToTheErrorStreamWhileTheScriptRuns() throws Exception {
        InMemoryMachine machine = (InMemoryMachine) gogo.manager.create("noisy", null);
        Thread guest = new Thread(() -> {
            while (gogo.manager.noticeListenerCount() == 0 || machine.status() != MachineStatus.RUNNING) {
                Thread.onSpinWait();
            }
            gogo.manager.notice("uart0 waits for ns16550a");
            machine.powerOff(0);
        });
        guest.start();
        assertEquals(0, run("start\nwait\n"));
        guest.join();
        assertEquals("osmium: uart0 waits for ns16550a\n", err.toString(StandardCharsets.UTF_8));
    }
}
