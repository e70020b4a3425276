package org.osmium.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's guest programs, built once per test JVM by {@code guests/build.sh} with Debian's cross compiler. */
final class Guests {
    private static boolean built;

    private Guests() {
    }

    static synchronized Path elf(String name) throws IOException, InterruptedException {
        Path folder = Path.of(System.getProperty("osmium.guests"));
        if (!built) {
            Process build = new ProcessBuilder("sh", folder.resolve("build.sh").toString()).redirectErrorStream(true).start();
            String log = new String(build.getInputStream().readAllBytes());
            if (build.waitFor() != 0) {
                throw new IllegalStateException("guests/build.sh failed:\n" + log);
            }
            built = true;
        }
        Path elf = folder.resolve("target").resolve(name + ".elf");
        if (!Files.isRegularFile(elf)) {
            throw new IllegalStateException("guest program " + elf + " was not built");
        }
        return elf;
    }
}
