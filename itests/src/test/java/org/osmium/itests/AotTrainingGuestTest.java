package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training guest of {@code ./osmium}'s ahead-of-time cache: the bytes that {@code bin/aot-training-guest.sh} prints
 * are {@code bin/aot-training.S} assembled, and the guest runs to its power-off on Osmium as on QEMU.
 */
class AotTrainingGuestTest {
    private static final Path BIN = Path.of(System.getProperty("osmium.guests")).resolveSibling("bin");

    @Test
    void scriptPrintsTheAssembledSource(@TempDir Path folder) throws Exception {
        Path elf = folder.resolve("aot-training.elf"), raw = folder.resolve("aot-training.bin");
        HostTools.run("riscv64-unknown-elf-gcc", "-march=rv64gc_zba_zbb_zbc_zbs", "-mabi=lp64d", "-nostdlib", "-nostartfiles",
                "-Wl,-Ttext=0x80000000", "-o", elf.toString(), BIN.resolve("aot-training.S").toString());
        HostTools.run("riscv64-unknown-elf-objcopy", "-O", "binary", elf.toString(), raw.toString());
        assertArrayEquals(Files.readAllBytes(raw), guestBytes(), "bin/aot-training-guest.sh is out of date with bin/aot-training.S");
    }

    @Test
    void guestPowersOffAfterItsTrainingLoopAsOnQemu(@TempDir Path folder) throws Exception {
        Path raw = folder.resolve("aot-training.bin");
        Files.write(raw, guestBytes());
        String[] args = {"-M", "virt", "-m", "128M", "-nographic", "-bios", "none", "-kernel", raw.toString()};
        ProcessResult qemu = ProcessResult.qemu(args);
        ProcessResult osmium = ProcessResult.osmium(args);
        assertEquals("o", qemu.out(), "QEMU runs the guest to its end");
        assertEquals(qemu.out(), osmium.out());
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
    }

    private static byte[] guestBytes() throws Exception {
        Process script = new ProcessBuilder("sh", BIN.resolve("aot-training-guest.sh").toString()).start();
        byte[] bytes = script.getInputStream().readAllBytes();
        assertEquals(0, script.waitFor(), "bin/aot-training-guest.sh fails");
        return bytes;
    }
}
