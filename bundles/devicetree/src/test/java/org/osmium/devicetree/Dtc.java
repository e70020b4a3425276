package org.osmium.devicetree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs Debian's {@code dtc} on a blob: its source output and its warnings, as the firmware's tooling sees them. */
final class Dtc {
    /** What {@code dtc -I dtb -O dts} printed: the source text and the warnings. */
    record Output(String source, String warnings) {
    }

    private Dtc() {
    }

    static Output decompile(byte[] blob, String name) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(Path.of("target", "dtc"));
        Path input = folder.resolve(name + ".dtb");
        Path source = folder.resolve(name + ".dts");
        Path warnings = folder.resolve(name + ".warnings");
        Files.write(input, blob);
        Process dtc = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", input.toString())
                .redirectOutput(source.toFile()).redirectError(warnings.toFile()).start();
        int status = dtc.waitFor();
        String text = Files.readString(source, StandardCharsets.UTF_8);
        String errors = Files.readString(warnings, StandardCharsets.UTF_8);
        if (status != 0) {
            throw new IOException("dtc exited with status " + status + " on " + input + ": " + errors);
        }
        return new Output(text, errors);
    }
}
