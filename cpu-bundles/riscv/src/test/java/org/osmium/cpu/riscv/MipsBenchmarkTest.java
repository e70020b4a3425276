package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Runs guests/src/mips.c on the test machine twice (the first run includes the JIT's warm-up) and prints its MIPS
 * lines; speed is printed, never asserted.
 */
public class MipsBenchmarkTest {

    @Test
    void mipsGuestRunsToItsEnd() throws Exception {
        run("cold");
        run("warm");
    }

    private static void run(String label) throws Exception {
        TestMachine machine = new TestMachine(16 << 20);
        machine.load(Guests.elf("mips"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime();
        Integer status = machine.run(10_000_000_000L);
        long elapsed = System.nanoTime() - start, cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long instructions = machine.hart.registers().get("minstret");
        System.out.print("mips.elf on rv64gc (" + label + "): " + machine.output());
        System.out.printf("mips.elf (%s): wall %.2f s, host thread CPU %.2f s, %d MIPS per CPU second%n", label, elapsed / 1e9,
                cpu / 1e9, instructions * 1000 / Math.max(1, cpu));
        assertEquals(0, status, "mips.elf exit status");
        assertTrue(machine.output().contains(" MIPS\n"), "mips.elf printed no MIPS line: " + machine.output());
    }

    /** Runs the benchmark from the command line, {@code args[0]} times (default once): {@code java ... MipsBenchmarkTest 3}. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int i = 0; i < runs; i++) {
            run("run " + (i + 1));
        }
    }
}
