package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./osmium --script FILE}: a board composed line by line runs the guest as the built-in board does. */
class ScriptTest {
    @TempDir
    Path folder;

    @Test
    void boardComposedLineByLinePrintsWhatQemuPrints() throws Exception {
        Path elf = Guests.elf("hello");
        Path output = folder.resolve("uart.txt");
        Path script = folder.resolve("compose.osm");
        Files.writeString(script, """
                # the virt board, line by line
                machine:create demo
                machine:add ram ram0 base=0x80000000 size=128M
                machine:add rv64gc hart0
                machine:add ns16550a uart0 base=0x10000000 chardev=file:%s
                machine:add sifive-test test0 base=0x100000
                machine:load %s
                machine:start
                machine:wait
                """.formatted(output, elf));
        ProcessResult osmium = ProcessResult.osmium("--script", script.toString());
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
        ProcessResult qemu = ProcessResult.qemu("-M", "virt", "-m", "128M", "-nographic", "-bios", "none", "-kernel", elf.toString());
        assertEquals(qemu.out(), Files.readString(output));
    }

    @Test
    void failingLineStopsTheScriptNamingFileAndLine() throws Exception {
        Path script = folder.resolve("bad.osm");
        Files.writeString(script, """
                machine:create demo
                machine:add ram ram0 size=128M
                machine:add no-such-model x0
                machine:add ram ram1 base=0x90000000
                """);
        ProcessResult osmium = ProcessResult.osmium("--script", script.toString());
        assertEquals(1, osmium.exitStatus());
        assertTrue(osmium.stderr().startsWith(script + ":3: "), osmium.stderr());
        assertTrue(osmium.stderr().contains("no-such-model"), osmium.stderr());
    }

    @Test
    void overlappingDevicesAreRefusedNamingBoth() throws Exception {
        Path script = folder.resolve("overlap.osm");
        Files.writeString(script, """
                machine:create demo
                machine:add ns16550a uart0 base=0x10000000 chardev=null
                machine:add ns16550a uart1 base=0x10000080 chardev=null
                """);
        ProcessResult osmium = ProcessResult.osmium("--script", script.toString());
        assertEquals(1, osmium.exitStatus());
        assertTrue(osmium.stderr().contains("uart1") && osmium.stderr().contains("overlaps uart0"), osmium.stderr());
    }

    @Test
    void savedBoardFileReproducesTheMachineExactly() throws Exception {
        Path first = folder.resolve("first.board");
        Path second = folder.resolve("second.board");
        Path script = folder.resolve("save.osm");
        Files.writeString(script, """
                machine:create a virt
                machine:set uart0 chardev=null
                machine:save %s
                machine:create b %s
                machine:save %s
                """.formatted(first, first, second));
        ProcessResult osmium = ProcessResult.osmium("--script", script.toString());
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
        assertEquals(Files.readString(first).lines().skip(1).toList(), Files.readString(second).lines().skip(1).toList());
        assertTrue(Files.readString(first).contains("add ns16550a uart0 base=0x10000000 clock=3686400 chardev=null"));
    }
}
