package org.osmium.block.tool;

import java.math.BigDecimal;
import java.math.MathContext;

/** Byte counts as qemu-img prints them: three significant digits and a binary unit ("196 KiB", "1.5 GiB"). */
final class HumanSize {
    private static final String[] SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private HumanSize() {
    }

    static String of(long bytes) {
        double scaled = bytes / (1000.0 / 1024.0);
        int exponent = scaled == 0 ? 0 : Math.getExponent(scaled) + 1;
        int unit = Math.max(0, (exponent - 1) / 10);
        double value = (double) bytes / (1L << (unit * 10));
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        return rounded.toPlainString() + " " + SUFFIXES[unit] + "B";
    }
}
