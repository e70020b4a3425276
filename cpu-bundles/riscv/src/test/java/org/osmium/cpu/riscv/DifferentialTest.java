package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each differential guest on qemu-system-riscv64 and on the rv64gc hart; output bytes and exit status must match. */
class DifferentialTest {
    private static final long INSTRUCTION_LIMIT = 2_000_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "exit-status", "integer", "atomic", "compressed", "csr", "traps", "float", "priv-traps",
        "bitmanip", "paging", "interrupts", "pmp"})
    void guestBehavesAsOnQemu(String name) throws Exception {
        Path elf = Guests.elf(name);
        QemuRun qemu = QemuRun.of(elf);
        TestMachine machine = new TestMachine(16 << 20);
        machine.load(elf);
        Integer status = machine.run(INSTRUCTION_LIMIT);
        assertTrue(qemu.output.endsWith("\n"), name + " printed no complete line on QEMU: '" + qemu.output + "'");
        assertEquals(qemu.output, machine.output(), name + ": output differs from QEMU's");
        assertEquals(qemu.status, status, name + ": exit status differs from QEMU's");
    }

    /** The output and exit status of a guest on QEMU's virt machine. */
    record QemuRun(String output, Integer status) {
        static QemuRun of(Path elf) throws Exception {
            Process qemu = new ProcessBuilder("qemu-system-riscv64", "-M", "virt", "-m", "128M", "-nographic", "-bios", "none",
                    "-kernel", elf.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            qemu.getOutputStream().close();
            byte[] output = qemu.getInputStream().readAllBytes();
            if (!qemu.waitFor(30, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                throw new IllegalStateException("qemu-system-riscv64 did not finish " + elf + " within 30 s");
            }
            return new QemuRun(new String(output, StandardCharsets.ISO_8859_1), qemu.exitValue());
        }
    }
}
