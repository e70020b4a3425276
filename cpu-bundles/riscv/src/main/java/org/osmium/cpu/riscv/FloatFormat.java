package org.osmium.cpu.riscv;

/** The bit layout of an IEEE 754 binary format (single or double) as raw bits in the low bits of a long. */
final class FloatFormat {
    static final FloatFormat SINGLE = new FloatFormat(24, 8);
    static final FloatFormat DOUBLE = new FloatFormat(53, 11);

    /** Significand precision including the hidden bit. */
    final int precision;
    final int fractionBits, bias, minExponent, maxExponent;
    final long signBit, exponentMask, fractionMask, infinity, quietBit, canonicalNaN, maxFinite;

    private FloatFormat(int precision, int exponentBits) {
        this.precision = precision;
        this.fractionBits = precision - 1;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.minExponent = 1 - bias;
        this.maxExponent = bias;
        this.signBit = 1L << (exponentBits + fractionBits);
        this.exponentMask = ((1L << exponentBits) - 1) << fractionBits;
        this.fractionMask = (1L << fractionBits) - 1;
        this.infinity = exponentMask;
        this.quietBit = 1L << (fractionBits - 1);
        this.canonicalNaN = exponentMask | quietBit;
        this.maxFinite = infinity - 1;
    }

    boolean isNaN(long bits) {
        return (bits & ~signBit) > infinity;
    }

    boolean isSignalingNaN(long bits) {
        return isNaN(bits) && (bits & quietBit) == 0;
    }

    boolean isInfinite(long bits) {
        return (bits & ~signBit) == infinity;
    }

    boolean isZero(long bits) {
        return (bits & ~signBit) == 0;
    }

    boolean isNegative(long bits) {
        return (bits & signBit) != 0;
    }

    /** The significand of a finite value, with the hidden bit for normal numbers. */
    long significand(long bits) {
        long fraction = bits & fractionMask;
        return (bits & exponentMask) == 0 ? fraction : fraction | (1L << fractionBits);
    }

    /** The power of two that the integer {@link #significand} is scaled by. */
    int scale(long bits) {
        int field = (int) ((bits & exponentMask) >>> fractionBits);
        return (field == 0 ? minExponent : field - bias) - fractionBits;
    }

    long zero(boolean negative) {
        return negative ? signBit : 0;
    }

    long infinity(boolean negative) {
        return negative ? signBit | infinity : infinity;
    }
}
