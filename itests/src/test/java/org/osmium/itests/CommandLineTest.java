package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code ./osmium} with QEMU's command line behaves as {@code qemu-system-riscv64}: same bytes, same exit status. */
class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "integer", "exit-status", "interrupts", "bitmanip"})
    void guestPrintsTheSameBytesWithTheSameExitStatusAsQemu(String guest) throws Exception {
        Path elf = Guests.elf(guest);
        String[] args = {"-M", "virt", "-m", "128M", "-nographic", "-bios", "none", "-kernel", elf.toString()};
        ProcessResult qemu = ProcessResult.qemu(args);
        ProcessResult osmium = ProcessResult.osmium(args);
        assertEquals(qemu.out(), osmium.out(), "stdout of " + guest);
        assertArrayEquals(qemu.stdout(), osmium.stdout(), "stdout bytes of " + guest);
        assertEquals(qemu.exitStatus(), osmium.exitStatus(), "exit status of " + guest + "; stderr: " + osmium.stderr());
        assertEquals("", osmium.stderr(), "nothing on stderr");
    }

    @Test
    void fourHartsWakeEachOtherWithSoftwareInterruptsAsOnQemu() throws Exception {
        String[] args = {"-M", "virt", "-smp", "4", "-nographic", "-bios", "none", "-kernel", Guests.elf("smp-ipi").toString()};
        ProcessResult qemu = ProcessResult.qemu(args);
        ProcessResult osmium = ProcessResult.osmium(args);
        assertEquals(qemu.out(), osmium.out());
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
    }

    @Test
    void memorySizeOtherThanTheBoardsDefaultRunsAsOnQemu() throws Exception {
        String[] args = {"-M", "virt", "-m", "256M", "-nographic", "-bios", "none", "-kernel", Guests.elf("hello").toString()};
        ProcessResult osmium = ProcessResult.osmium(args);
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
        assertEquals(ProcessResult.qemu(args).out(), osmium.out());
    }

    @Test
    void versionIsPrinted() throws Exception {
        ProcessResult result = ProcessResult.osmium("--version");
        assertEquals(0, result.exitStatus());
        assertTrue(result.out().startsWith("Osmium version "), result.out());
    }

    @Test
    void unknownOptionIsNamedWithAPointerToHelp() throws Exception {
        ProcessResult result = ProcessResult.osmium("-M", "virt", "-frobnicate");
        assertEquals(1, result.exitStatus());
        assertEquals("osmium: unknown option '-frobnicate'; see --help\n", result.stderr());
        assertEquals("", result.out());
    }

    @Test
    void missingKernelFileIsNamed() throws Exception {
        ProcessResult result = ProcessResult.osmium("-M", "virt", "-nographic", "-bios", "none", "-kernel", "/no/such.elf");
        assertEquals(1, result.exitStatus());
        assertTrue(result.stderr().contains("/no/such.elf"), result.stderr());
    }

    @Test
    void boardsAreListed() throws Exception {
        ProcessResult result = ProcessResult.osmium("-M", "help");
        assertEquals(0, result.exitStatus());
        assertTrue(result.out().contains("virt"), result.out());
    }
}
