package org.osmium.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a finished process printed and returned; runs Osmium's distribution or QEMU with a time limit. */
record ProcessResult(byte[] stdout, String stderr, int exitStatus) {

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Runs {@code java -jar osmium.jar ARGS} from the built distribution, as {@code ./osmium} does. */
    static ProcessResult osmium(String... args) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("osmium.home"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar",
                home.resolve("osmium.jar").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs {@code qemu-system-riscv64 ARGS}. */
    static ProcessResult qemu(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-system-riscv64"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
        Thread errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 120 s");
        }
        outReader.join();
        errReader.join();
        return new ProcessResult(out.toByteArray(), err.toString(StandardCharsets.UTF_8), process.exitValue());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
