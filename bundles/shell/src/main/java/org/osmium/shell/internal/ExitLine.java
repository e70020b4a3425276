package org.osmium.shell.internal;

import java.util.OptionalInt;

/** The {@code exit [STATUS]} line that ends the interactive shell or a script, read by the runners themselves. */
final class ExitLine {
    private ExitLine() {
    }

    /**
     * The status {@code line} exits with, or empty when it is not an exit line.
     *
     * @throws IllegalArgumentException when the status is not a number from 0 to 255
     */
    static OptionalInt parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (!words[0].equals("exit")) {
            return OptionalInt.empty();
        }
        if (words.length == 1) {
            return OptionalInt.of(0);
        }
        if (words.length == 2 && words[1].matches("\\d{1,3}") && Integer.parseInt(words[1]) <= 255) {
            return OptionalInt.of(Integer.parseInt(words[1]));
        }
        throw new IllegalArgumentException("exit takes one status from 0 to 255: exit [STATUS]");
    }
}
