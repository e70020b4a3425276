package org.osmium.shell.internal;

/** Formats memory like {@code xxd}: address, eight groups of two bytes, and the printable characters. */
final class Hexdump {
    private static final int BYTES_PER_LINE = 16;
    private static final int HEX_WIDTH = BYTES_PER_LINE * 2 + BYTES_PER_LINE / 2 - 1;

    private Hexdump() {
    }

    /** The lines for {@code bytes} read at guest address {@code address}, without a final newline. */
    static String format(long address, byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int start = 0; start < bytes.length; start += BYTES_PER_LINE) {
            int end = Math.min(start + BYTES_PER_LINE, bytes.length);
            if (start > 0) {
                text.append('\n');
            }
            text.append(String.format("%08x: ", address + start));
            StringBuilder hex = new StringBuilder();
            StringBuilder printable = new StringBuilder();
            for (int i = start; i < end; i++) {
                if (i > start && (i - start) % 2 == 0) {
                    hex.append(' ');
                }
                int value = bytes[i] & 0xff;
                hex.append(Character.forDigit(value >> 4, 16)).append(Character.forDigit(value & 0xf, 16));
                printable.append(value >= 0x20 && value < 0x7f ? (char) value : '.');
            }
            text.append(hex).append(" ".repeat(HEX_WIDTH - hex.length())).append("  ").append(printable);
        }
        return text.toString();
    }
}
