package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real firmware on Osmium's virt board: OpenSBI's fw_jump with the S-mode U-Boot, on one hart and on four,
 * on a board composed line by line in the shell, and the M-mode U-Boot alone. Each reaches U-Boot's prompt, answers
 * commands typed on stdin, and powers off with exit status 0, as on qemu-system-riscv64. An S-mode payload of OpenSBI
 * starts and stops a hart through SBI HSM as on QEMU.
 */
class FirmwareBootTest {
    private static final String OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
    private static final String UBOOT_SMODE = "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf";
    private static final String UBOOT_MMODE = "/usr/lib/u-boot/qemu-riscv64/u-boot.bin";
    private static final String PROMPT = "\n=> ";
    /** The rv64gc hart's riscv,isa string, which U-Boot prints as its CPU. */
    private static final String ISA = "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc";

    @Test
    void openSbiAndSupervisorUBootReachThePromptAnswerCommandsAndPowerOff() throws Exception {
        try (UBootSession session = UBootSession.start("-M", "virt", "-nographic", "-bios", OPENSBI, "-kernel", UBOOT_SMODE)) {
            String boot = session.awaitPrompt();
            assertTrue(boot.contains("OpenSBI v"), "OpenSBI's banner: " + boot);
            assertTrue(boot.contains("Platform HART Count       : 1\n"), boot);
            assertTrue(boot.contains("Boot HART Base ISA        : rv64imafdc"), boot);
            assertTrue(boot.contains("Domain0 Next Mode         : S-mode"), boot);
            assertTrue(boot.contains("Boot HART ISA Extensions  : time,sstc"), boot);
            assertTrue(boot.contains("CPU:   " + ISA + "\n"), boot);
            assertTrue(session.command("version").contains("U-Boot 2023.01"), "version");
            String tree = session.command("fdt addr $fdtcontroladdr; fdt print /cpus");
            assertTrue(tree.contains("mmu-type = \"riscv,sv48\";"), tree);
            assertTrue(tree.contains("riscv,isa = \"" + ISA + "\";"), tree);
            String board = session.command("bdinfo");
            assertTrue(board.contains("-> start    = 0x0000000080000000"), board);
            String devices = session.command("dm tree");
            assertTrue(devices.contains("ns16550_serial") && devices.contains("riscv_cpu"), devices);
            ProcessResult result = session.powerOff();
            assertEquals(0, result.exitStatus(), "poweroff ends Osmium with status 0; stderr: " + result.stderr());
        }
    }

    @Test
    void fourHartsAreReportedByOpenSbiAndUBootStillReachesItsPrompt() throws Exception {
        try (UBootSession session = UBootSession.start("-M", "virt", "-smp", "4", "-nographic", "-bios", OPENSBI,
                "-kernel", UBOOT_SMODE)) {
            String boot = session.awaitPrompt();
            assertTrue(boot.contains("Platform HART Count       : 4\n"), boot);
            assertTrue(boot.contains("Domain0 HARTs             : 0*,1*,2*,3*\n"), boot);
            String cpus = session.command("fdt addr $fdtcontroladdr; fdt list /cpus");
            assertTrue(cpus.contains("cpu@3 {"), cpus);
            assertEquals(0, session.powerOff().exitStatus());
        }
    }

    @Test
    void boardComposedLineByLineInTheShellBootsTheSameFirmware(@TempDir Path folder) throws Exception {
        StringBuilder script = new StringBuilder("""
                machine:create composed
                machine:add ram mrom base=0x1000 size=0xf000 memory-node=off
                machine:add ram ram0 base=0x80000000 size=128M
                machine:add rv64gc hart0
                machine:add clint clint0 base=0x2000000
                machine:add plic plic0 base=0xc000000
                machine:add sifive-test test0 base=0x100000
                machine:add ns16550a uart0 base=0x10000000 chardev=stdio
                machine:wire clint0.msip0 hart0.msip
                machine:wire clint0.mtip0 hart0.mtip
                machine:wire plic0.meip0 hart0.meip
                machine:wire plic0.seip0 hart0.seip
                machine:wire uart0.irq plic0.10
                """);
        script.append("machine:boot bios=").append(OPENSBI).append(" kernel=").append(UBOOT_SMODE).append('\n');
        script.append("machine:start\nmachine:wait\n");
        Path file = folder.resolve("composed.osm");
        Files.writeString(file, script);
        try (UBootSession session = UBootSession.start("--script", file.toString())) {
            String boot = session.awaitPrompt();
            assertTrue(boot.contains("Platform HART Count       : 1\n"), boot);
            assertTrue(session.command("version").contains("U-Boot 2023.01"), "version");
            ProcessResult result = session.powerOff();
            assertEquals(0, result.exitStatus(), "poweroff ends the script's machine:wait with status 0; stderr: " + result.stderr());
        }
    }

    @Test
    void uBootSeesAVirtioDiskAndReadsAndWritesTheQcow2Image(@TempDir Path folder) throws Exception {
        Path disk = folder.resolve("disk.qcow2");
        HostTools.run("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "8M");
        HostTools.run("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 64k", disk.toString());
        try (UBootSession session = UBootSession.start("-M", "virt", "-nographic", "-bios", OPENSBI, "-kernel", UBOOT_SMODE,
                "-drive", "file=" + disk + ",if=virtio")) {
            session.awaitPrompt();
            session.command("virtio scan");
            String info = session.command("virtio info");
            assertTrue(info.contains("QEMU VirtIO Block Device") && info.contains("(16384 x 512)"), info);
            assertTrue(session.command("virtio read 0x84000000 0 1").contains("1 blocks read: OK"));
            assertTrue(session.command("md.b 0x84000000 0x10").contains("84000000: 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a"));
            session.command("mw.b 0x84100000 0xa5 0x200");
            assertTrue(session.command("virtio write 0x84100000 8 1").contains("1 blocks written: OK"));
            assertEquals(0, session.powerOff().exitStatus());
        }
        String written = HostTools.run("qemu-io", "-f", "qcow2", "-c", "read -P 0xa5 4096 512", "-c", "read -P 0x5a 0 4096", disk.toString());
        assertTrue(!written.contains("verification failed"), written);
        assertTrue(HostTools.run("qemu-img", "check", disk.toString()).contains("No errors were found on the image."));
    }

    @Test
    void fourGibibytesOfRamAreSeenByUBootAsOnQemu() throws Exception {
        // RAM above one Java array's 2 GiB, taken as the guest uses it; the heap must be able to hold all of it
        try (UBootSession session = UBootSession.start(List.of("-Xmx6g"), "-M", "virt", "-m", "4G", "-nographic",
                "-bios", OPENSBI, "-kernel", UBOOT_SMODE)) {
            assertTrue(session.awaitPrompt().contains("DRAM:  4 GiB\n"), "U-Boot's DRAM line");
            String board = session.command("bdinfo");
            assertTrue(board.contains("-> size     = 0x0000000100000000"), board);
            assertTrue(board.contains("relocaddr   = 0x00000000fff56000"), "where QEMU 7.2's U-Boot relocates to: " + board);
            assertEquals(0, session.powerOff().exitStatus());
        }
    }

    @Test
    void machineModeUBootReachesItsPromptAndPowersOff() throws Exception {
        try (UBootSession session = UBootSession.start("-M", "virt", "-nographic", "-bios", UBOOT_MMODE)) {
            String boot = session.awaitPrompt();
            assertTrue(boot.contains("U-Boot 2023.01") && !boot.contains("OpenSBI"), boot);
            assertTrue(session.command("version").contains("U-Boot 2023.01"), "version");
            assertEquals(0, session.powerOff().exitStatus());
        }
    }

    @Test
    void supervisorPayloadStartsAndStopsTheOtherHartThroughSbiHsmAsOnQemu() throws Exception {
        String[] args = {"-M", "virt", "-smp", "2", "-m", "128M", "-nographic", "-bios", OPENSBI, "-kernel",
                Guests.elf("sbi-hsm").toString()};
        ProcessResult qemu = ProcessResult.qemu(args);
        ProcessResult osmium = ProcessResult.osmium(args);
        String expected = payloadLines(qemu.out());
        assertTrue(expected.contains("hsm: opaque 23042\n"), "QEMU runs both rounds: " + qemu.out());
        assertEquals(expected, payloadLines(osmium.out()));
        assertEquals(0, osmium.exitStatus(), osmium.stderr());
    }

    /** The lines the SBI payload printed (after OpenSBI's banner, which names QEMU's extra extensions). */
    private static String payloadLines(String output) {
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.startsWith("hsm: ")) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }

    /** Osmium from the built distribution with U-Boot's console on a pipe: commands in, output collected. */
    private static final class UBootSession implements AutoCloseable {
        private static final long LIMIT_SECONDS = 120;
        private final Process process;
        private final OutputStream input;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        private final Thread outputReader, errorReader;
        private int consumed;

        private UBootSession(Process process) {
            this.process = process;
            this.input = process.getOutputStream();
            this.outputReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
            this.errorReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), errors));
        }

        static UBootSession start(String... args) throws IOException {
            return start(List.of(), args);
        }

        static UBootSession start(List<String> jvmOptions, String... args) throws IOException {
            Path home = Path.of(System.getProperty("osmium.home"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", home.resolve("osmium.jar").toString()));
            command.addAll(List.of(args));
            for (String file : List.of(OPENSBI, UBOOT_SMODE, UBOOT_MMODE)) {
                if (!Files.isRegularFile(Path.of(file))) {
                    throw new IllegalStateException(file + " is missing: apt-get install opensbi u-boot-qemu");
                }
            }
            return new UBootSession(new ProcessBuilder(command).start());
        }

        private static void copy(InputStream in, ByteArrayOutputStream out) {
            try {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (out) {
                        out.write(buffer, 0, n);
                        out.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        /** Waits for the next prompt; returns the output since the previous one (the prompt excluded), without CRs. */
        String awaitPrompt() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            synchronized (output) {
                while (true) {
                    String text = output.toString(StandardCharsets.ISO_8859_1);
                    int prompt = text.indexOf(PROMPT, consumed);
                    if (prompt >= 0) {
                        String answer = text.substring(consumed, prompt);
                        consumed = prompt + PROMPT.length();
                        return answer.replace("\r", "");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive()) {
                        throw new IllegalStateException("no U-Boot prompt " + (process.isAlive() ? "within " + LIMIT_SECONDS
                                + " s" : "before Osmium ended") + "; output since the last prompt:\n" + text.substring(consumed)
                                + "\nstderr: " + errors.toString(StandardCharsets.UTF_8));
                    }
                    output.wait(Math.clamp(TimeUnit.NANOSECONDS.toMillis(left), 1, 100)); // also notices an early end
                }
            }
        }

        /** Types a command line and returns what it printed up to the next prompt. */
        String command(String line) throws IOException, InterruptedException {
            input.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            input.flush();
            return awaitPrompt();
        }

        /** Types {@code poweroff} and waits for Osmium to end. */
        ProcessResult powerOff() throws IOException, InterruptedException {
            input.write("poweroff\n".getBytes(StandardCharsets.ISO_8859_1));
            input.flush();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Osmium did not end within " + LIMIT_SECONDS + " s of U-Boot's poweroff");
            }
            outputReader.join();
            errorReader.join();
            synchronized (output) {
                return new ProcessResult(output.toByteArray(), errors.toString(StandardCharsets.UTF_8), process.exitValue());
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
