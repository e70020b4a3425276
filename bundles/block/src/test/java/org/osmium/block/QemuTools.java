package org.osmium.block;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs Debian's qemu-img and qemu-io for interop tests, and gives each test a folder under target/. */
final class QemuTools {
    /** What a finished command printed and returned. */
    record Result(int status, String output) {
    }

    private QemuTools() {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Runs a command; the result holds its standard output only (standard error is dropped). */
    static Result runStdout(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Runs a command that must succeed; returns its output. */
    static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        if (result.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.status() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    /** A fresh empty folder target/test-images/NAME. */
    static Path folder(String name) throws IOException {
        Path dir = Path.of("target", "test-images", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
