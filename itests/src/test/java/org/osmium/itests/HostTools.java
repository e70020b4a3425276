package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Debian's qemu-utils (qemu-img, qemu-io) as the tests' reference for what an image holds. */
final class HostTools {
    private HostTools() {
    }

    /** Runs a tool to its end; fails the test with its output if it fails; returns its output. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }
}
