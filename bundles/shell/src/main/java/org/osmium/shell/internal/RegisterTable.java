package org.osmium.shell.internal;

import java.util.Map;

/** Formats a hart's registers in hex, four to a line, names aligned: {@code pc   0x0000000080000000}. */
final class RegisterTable {
    private static final int PER_LINE = 4;

    private RegisterTable() {
    }

    /** The registers in the order the map gives them, without a final newline. */
    static String format(Map<String, Long> registers) {
        int nameWidth = registers.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        int index = 0;
        for (Map.Entry<String, Long> register : registers.entrySet()) {
            if (index > 0) {
                text.append(index % PER_LINE == 0 ? "\n" : "  ");
            }
            text.append(String.format("%-" + nameWidth + "s 0x%016x", register.getKey(), register.getValue()));
            index++;
        }
        return text.toString();
    }
}
