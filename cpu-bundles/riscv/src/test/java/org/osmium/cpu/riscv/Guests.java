package org.osmium.cpu.riscv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test support: builds the guest programs once with guests/build.sh and finds their ELF files. */
final class Guests {
    static final Path ROOT = Path.of("../../guests").toAbsolutePath().normalize();
    private static boolean built;

    private Guests() {
    }

    /** The ELF of a guest program, building all of them first (once per test run). */
    static synchronized Path elf(String name) throws IOException, InterruptedException {
        if (!built) {
            Process build = new ProcessBuilder(ROOT.resolve("build.sh").toString()).redirectErrorStream(true).start();
            String log = new String(build.getInputStream().readAllBytes());
            if (build.waitFor() != 0) {
                throw new IllegalStateException("guests/build.sh failed:\n" + log);
            }
            built = true;
        }
        Path elf = ROOT.resolve("target").resolve(name + ".elf");
        if (!Files.isRegularFile(elf)) {
            throw new IllegalStateException("guests/build.sh did not produce " + elf);
        }
        return elf;
    }
}
