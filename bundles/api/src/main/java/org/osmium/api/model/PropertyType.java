package org.osmium.api.model;

import java.util.Locale;

/** The kinds of value a model property takes, each with its text syntax (the shell's and the board file's). */
public enum PropertyType {
    /** A signed 64-bit number: decimal, or hexadecimal with {@code 0x}. */
    INTEGER("a number such as 42 or 0x2a"),
    /** A byte count with an optional K, M, G or T suffix (powers of 1024): {@code 128M}, {@code 1G}, {@code 0x1000}. */
    SIZE("a size such as 4096, 64K, 128M or 1G"),
    /** A guest physical address: {@code 0x10000000}. */
    ADDRESS("an address such as 0x10000000"),
    /** {@code on}/{@code off}, {@code true}/{@code false}, {@code yes}/{@code no}. */
    BOOLEAN("on or off"),
    /** Free text. */
    STRING("text"),
    /** A character backend: {@code stdio}, {@code null}, {@code file:PATH} or {@code socket:HOST:PORT}. */
    CHARDEV("stdio, null, file:PATH or socket:HOST:PORT");

    private final String syntax;

    PropertyType(String syntax) {
        this.syntax = syntax;
    }

    /** What a valid value looks like, for error messages and help. */
    public String syntax() {
        return syntax;
    }

    /**
     * Parses a value of this type: a {@link Long} for numbers, sizes and addresses, a {@link Boolean} for booleans,
     * the text itself otherwise.
     *
     * @throws IllegalArgumentException with a message saying what would be accepted
     */
    public Object parse(String text) {
        switch (this) {
            case INTEGER, ADDRESS:
                return parseNumber(text, 1);
            case SIZE:
                return parseSize(text);
            case BOOLEAN:
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes", "1" -> Boolean.TRUE;
                    case "off", "false", "no", "0" -> Boolean.FALSE;
                    default -> throw invalid(text);
                };
            case CHARDEV:
                if (text.equals("stdio") || text.equals("null") || (text.startsWith("file:") && text.length() > 5)
                        || text.matches("socket:[^:]*:\\d{1,5}")) {
                    return text;
                }
                throw invalid(text);
            default:
                return text;
        }
    }

    private Object parseSize(String text) {
        if (text.isEmpty()) {
            throw invalid(text);
        }
        char suffix = Character.toUpperCase(text.charAt(text.length() - 1));
        int shift = switch (suffix) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        long value = parseNumber(digits, 1L << shift);
        if (value < 0) {
            throw invalid(text);
        }
        return value;
    }

    private long parseNumber(String text, long multiplier) {
        try {
            long value;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                value = Long.parseUnsignedLong(text.substring(2), 16);
            } else {
                value = Long.parseLong(text);
            }
            return Math.multiplyExact(value, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not " + syntax);
    }

    /** Formats a parsed value back to text that {@link #parse} reads to the same value. */
    public String format(Object value) {
        return switch (this) {
            case ADDRESS -> "0x" + Long.toHexString((Long) value);
            case SIZE -> formatSize((Long) value);
            case BOOLEAN -> ((Boolean) value) ? "on" : "off";
            default -> String.valueOf(value);
        };
    }

    private static String formatSize(long bytes) {
        String[] suffixes = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < shifts.length; i++) {
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }
}
