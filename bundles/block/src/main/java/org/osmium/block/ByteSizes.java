package org.osmium.block;

/** Sizes written as qemu-img takes them: a number of bytes with an optional k, M, G, T, P or E suffix (powers of 1024). */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** Parses {@code text}; {@code what} names the value in the error ("image size", "option cluster_size"). */
    public static long parse(String text, String what) throws BlockException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new BlockException("invalid " + what + ": empty");
        }
        char last = t.charAt(t.length() - 1);
        int shift = switch (Character.toUpperCase(last)) {
            case 'B' -> 0;
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> -1;
        };
        String number = shift >= 0 ? t.substring(0, t.length() - 1) : t;
        try {
            if (number.contains(".")) {
                double value = Double.parseDouble(number) * Math.pow(2, Math.max(0, shift));
                if (value < 0 || value >= 0x1p63) {
                    throw new BlockException("invalid " + what + " '" + text + "': out of range");
                }
                return (long) value;
            }
            long value = Long.parseLong(number);
            int bits = Math.max(0, shift);
            if (value < 0 || (bits > 0 && value > (Long.MAX_VALUE >> bits))) {
                throw new BlockException("invalid " + what + " '" + text + "': out of range");
            }
            return value << bits;
        } catch (NumberFormatException e) {
            throw new BlockException("invalid " + what + " '" + text + "': expected a number with an optional "
                    + "k, M, G, T, P or E suffix");
        }
    }
}
