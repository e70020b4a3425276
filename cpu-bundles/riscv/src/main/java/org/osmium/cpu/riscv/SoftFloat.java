package org.osmium.cpu.riscv;

import java.math.BigInteger;

/**
 * Exact IEEE 754 arithmetic on raw bits, as RISC-V defines it: every rounding mode, tininess detected after
 * rounding, canonical NaNs, saturating conversions. Each result is computed exactly (big integers) and rounded
 * once; exception flags accumulate in {@link #flags}.
 */
final class SoftFloat {
    static final int INEXACT = 1, UNDERFLOW = 2, OVERFLOW = 4, DIVIDE_BY_ZERO = 8, INVALID = 16;
    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    /** Accumulated exception flags ({@code fflags}). */
    int flags;
    /** Whether the last {@link #roundAt} discarded anything. */
    private boolean lastInexact;

    long add(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean negativeA = f.isNegative(a), negativeB = f.isNegative(b);
        if (f.isInfinite(a)) {
            if (f.isInfinite(b) && negativeA != negativeB) {
                return invalid(f);
            }
            return a;
        }
        if (f.isInfinite(b)) {
            return b;
        }
        if (f.isZero(a) && f.isZero(b)) {
            return negativeA == negativeB ? a : f.zero(rm == RDN);
        }
        if (f.isZero(a)) {
            return b;
        }
        if (f.isZero(b)) {
            return a;
        }
        return sum(f, negativeA, BigInteger.valueOf(f.significand(a)), f.scale(a), negativeB,
                BigInteger.valueOf(f.significand(b)), f.scale(b), rm);
    }

    long sub(FloatFormat f, long a, long b, int rm) {
        return add(f, a, f.isNaN(b) ? b : b ^ f.signBit, rm);
    }

    long mul(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean negative = f.isNegative(a) != f.isNegative(b);
        if (f.isInfinite(a) || f.isInfinite(b)) {
            return f.isZero(a) || f.isZero(b) ? invalid(f) : f.infinity(negative);
        }
        if (f.isZero(a) || f.isZero(b)) {
            return f.zero(negative);
        }
        BigInteger product = BigInteger.valueOf(f.significand(a)).multiply(BigInteger.valueOf(f.significand(b)));
        return round(f, negative, product, f.scale(a) + f.scale(b), false, rm);
    }

    long div(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean negative = f.isNegative(a) != f.isNegative(b);
        if (f.isInfinite(a)) {
            return f.isInfinite(b) ? invalid(f) : f.infinity(negative);
        }
        if (f.isInfinite(b)) {
            return f.zero(negative);
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f);
            }
            flags |= DIVIDE_BY_ZERO;
            return f.infinity(negative);
        }
        if (f.isZero(a)) {
            return f.zero(negative);
        }
        BigInteger dividend = BigInteger.valueOf(f.significand(a)), divisor = BigInteger.valueOf(f.significand(b));
        int shift = Math.max(0, f.precision + 4 + divisor.bitLength() - dividend.bitLength());
        BigInteger[] quotient = dividend.shiftLeft(shift).divideAndRemainder(divisor);
        return round(f, negative, quotient[0], f.scale(a) - f.scale(b) - shift, quotient[1].signum() != 0, rm);
    }

    long sqrt(FloatFormat f, long a, int rm) {
        if (f.isNaN(a)) {
            return nan(f, a, a);
        }
        if (f.isZero(a)) {
            return a;
        }
        if (f.isNegative(a)) {
            return invalid(f);
        }
        if (f.isInfinite(a)) {
            return a;
        }
        BigInteger significand = BigInteger.valueOf(f.significand(a));
        int scale = f.scale(a);
        int shift = Math.max(0, 2 * (f.precision + 3) - significand.bitLength());
        if (((scale - shift) & 1) != 0) {
            shift++;
        }
        BigInteger radicand = significand.shiftLeft(shift);
        BigInteger root = radicand.sqrt();
        boolean sticky = !root.multiply(root).equals(radicand);
        return round(f, false, root, (scale - shift) >> 1, sticky, rm);
    }

    /** {@code ±(a * b) ± c} rounded once; the negations are those of fmadd, fmsub, fnmsub and fnmadd. */
    long fusedMultiplyAdd(FloatFormat f, long a, long b, long c, boolean negateProduct, boolean negateAddend, int rm) {
        boolean infinityTimesZero = (f.isInfinite(a) && f.isZero(b)) || (f.isZero(a) && f.isInfinite(b));
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            if (infinityTimesZero) {
                flags |= INVALID;
            }
            return nan(f, a, b, c);
        }
        boolean productNegative = f.isNegative(a) != f.isNegative(b) != negateProduct;
        boolean addendNegative = f.isNegative(c) != negateAddend;
        if (infinityTimesZero) {
            return invalid(f);
        }
        if (f.isInfinite(a) || f.isInfinite(b)) {
            if (f.isInfinite(c) && addendNegative != productNegative) {
                return invalid(f);
            }
            return f.infinity(productNegative);
        }
        if (f.isInfinite(c)) {
            return f.infinity(addendNegative);
        }
        if (f.isZero(a) || f.isZero(b)) {
            if (f.isZero(c)) {
                return productNegative == addendNegative ? f.zero(productNegative) : f.zero(rm == RDN);
            }
            return negateAddend ? c ^ f.signBit : c;
        }
        BigInteger product = BigInteger.valueOf(f.significand(a)).multiply(BigInteger.valueOf(f.significand(b)));
        int productScale = f.scale(a) + f.scale(b);
        if (f.isZero(c)) {
            return round(f, productNegative, product, productScale, false, rm);
        }
        return sum(f, productNegative, product, productScale, addendNegative, BigInteger.valueOf(f.significand(c)),
                f.scale(c), rm);
    }

    /** Converts between formats (fcvt.s.d, fcvt.d.s). */
    long convert(FloatFormat from, FloatFormat to, long a, int rm) {
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) {
                flags |= INVALID;
            }
            return to.canonicalNaN;
        }
        boolean negative = from.isNegative(a);
        if (from.isInfinite(a)) {
            return to.infinity(negative);
        }
        if (from.isZero(a)) {
            return to.zero(negative);
        }
        return round(to, negative, BigInteger.valueOf(from.significand(a)), from.scale(a), false, rm);
    }

    /**
     * Converts to a 32- or 64-bit integer with the spec's saturation; 32-bit results come sign-extended.
     */
    long toInteger(FloatFormat f, long a, int rm, boolean signed, int width) {
        long max = signed ? (width == 32 ? Integer.MAX_VALUE : Long.MAX_VALUE) : (width == 32 ? 0xffffffffL : -1L);
        long min = signed ? (width == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE) : 0;
        if (f.isNaN(a)) {
            flags |= INVALID;
            return extend(max, width);
        }
        boolean negative = f.isNegative(a);
        if (f.isInfinite(a)) {
            flags |= INVALID;
            return extend(negative ? min : max, width);
        }
        if (f.isZero(a)) {
            return 0;
        }
        BigInteger significand = BigInteger.valueOf(f.significand(a));
        int scale = f.scale(a);
        BigInteger magnitude;
        boolean inexact = false;
        if (scale >= 0) {
            magnitude = significand.shiftLeft(scale);
        } else {
            magnitude = roundAt(significand, -scale, false, negative, rm);
            inexact = lastInexact;
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        BigInteger low = BigInteger.valueOf(min), high = signed ? BigInteger.valueOf(max) : unsigned(max, width);
        if (value.compareTo(low) < 0 || value.compareTo(high) > 0) {
            flags |= INVALID;
            return extend(negative ? min : max, width);
        }
        if (inexact) {
            flags |= INEXACT;
        }
        return extend(value.longValue(), width);
    }

    /** Converts an integer ({@code value} already sign- or zero-extended as the source demands). */
    long fromInteger(FloatFormat f, long value, boolean signed, int rm) {
        if (value == 0) {
            return 0;
        }
        boolean negative = signed && value < 0;
        BigInteger magnitude = signed ? BigInteger.valueOf(value).abs() : unsigned(value, 64);
        return round(f, negative, magnitude, 0, false, rm);
    }

    long min(FloatFormat f, long a, long b) {
        return minMax(f, a, b, true);
    }

    long max(FloatFormat f, long a, long b) {
        return minMax(f, a, b, false);
    }

    private long minMax(FloatFormat f, long a, long b, boolean minimum) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
            flags |= INVALID;
        }
        if (f.isNaN(a)) {
            return f.isNaN(b) ? f.canonicalNaN : b;
        }
        if (f.isNaN(b)) {
            return a;
        }
        if (f.isZero(a) && f.isZero(b)) {
            boolean negative = minimum ? f.isNegative(a) || f.isNegative(b) : f.isNegative(a) && f.isNegative(b);
            return f.zero(negative);
        }
        boolean aLess = less(f, a, b);
        return aLess == minimum ? a : b;
    }

    /** feq: quiet comparison (invalid only for signaling NaNs). */
    boolean equal(FloatFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
                flags |= INVALID;
            }
            return false;
        }
        return (f.isZero(a) && f.isZero(b)) || a == b;
    }

    /** flt: signaling comparison. */
    boolean lessThan(FloatFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            flags |= INVALID;
            return false;
        }
        return less(f, a, b);
    }

    /** fle: signaling comparison. */
    boolean lessOrEqual(FloatFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            flags |= INVALID;
            return false;
        }
        return less(f, a, b) || (f.isZero(a) && f.isZero(b)) || a == b;
    }

    static long classify(FloatFormat f, long a) {
        boolean negative = f.isNegative(a);
        if (f.isNaN(a)) {
            return f.isSignalingNaN(a) ? 1 << 8 : 1 << 9;
        }
        if (f.isInfinite(a)) {
            return negative ? 1 : 1 << 7;
        }
        if (f.isZero(a)) {
            return negative ? 1 << 3 : 1 << 4;
        }
        boolean subnormal = (a & f.exponentMask) == 0;
        if (subnormal) {
            return negative ? 1 << 2 : 1 << 5;
        }
        return negative ? 1 << 1 : 1 << 6;
    }

    /** a < b for non-NaN values; zeros of either sign are equal. */
    private static boolean less(FloatFormat f, long a, long b) {
        if (f.isZero(a) && f.isZero(b)) {
            return false;
        }
        boolean negativeA = f.isNegative(a), negativeB = f.isNegative(b);
        if (negativeA != negativeB) {
            return negativeA;
        }
        long magnitudeA = a & ~f.signBit, magnitudeB = b & ~f.signBit;
        return negativeA ? magnitudeA > magnitudeB : magnitudeA < magnitudeB;
    }

    private long sum(FloatFormat f, boolean negativeA, BigInteger a, int scaleA, boolean negativeB, BigInteger b,
            int scaleB, int rm) {
        int scale = Math.min(scaleA, scaleB);
        BigInteger alignedA = a.shiftLeft(scaleA - scale), alignedB = b.shiftLeft(scaleB - scale);
        BigInteger total = (negativeA ? alignedA.negate() : alignedA).add(negativeB ? alignedB.negate() : alignedB);
        if (total.signum() == 0) {
            return f.zero(rm == RDN);
        }
        return round(f, total.signum() < 0, total.abs(), scale, false, rm);
    }

    private long nan(FloatFormat f, long... operands) {
        for (long operand : operands) {
            if (f.isSignalingNaN(operand)) {
                flags |= INVALID;
            }
        }
        return f.canonicalNaN;
    }

    private long invalid(FloatFormat f) {
        flags |= INVALID;
        return f.canonicalNaN;
    }

    /**
     * Rounds {@code magnitude * 2^scale} (plus an infinitesimal when {@code sticky}) to the format. With
     * {@code sticky}, {@code magnitude} carries at least two bits below the result's last place.
     */
    long round(FloatFormat f, boolean negative, BigInteger magnitude, int scale, boolean sticky, int rm) {
        int p = f.precision;
        int exponent = scale + magnitude.bitLength() - 1;
        boolean tiny = exponent < f.minExponent;
        if (exponent == f.minExponent - 1) {
            BigInteger unbounded = roundAt(magnitude, exponent - p + 1 - scale, sticky, negative, rm);
            tiny = unbounded.bitLength() <= p;
        }
        int last = Math.max(exponent - p + 1, f.minExponent - p + 1);
        BigInteger rounded = roundAt(magnitude, last - scale, sticky, negative, rm);
        boolean inexact = lastInexact;
        if (rounded.bitLength() > p) {
            rounded = rounded.shiftRight(1);
            last++;
        }
        if (inexact) {
            flags |= INEXACT;
            if (tiny) {
                flags |= UNDERFLOW;
            }
        }
        if (rounded.signum() == 0) {
            return f.zero(negative);
        }
        if (rounded.bitLength() < p) {
            return (negative ? f.signBit : 0) | rounded.longValue();
        }
        int resultExponent = last + p - 1;
        if (resultExponent > f.maxExponent) {
            flags |= OVERFLOW | INEXACT;
            boolean toInfinity = rm == RNE || rm == RMM || (rm == RDN && negative) || (rm == RUP && !negative);
            return (negative ? f.signBit : 0) | (toInfinity ? f.infinity : f.maxFinite);
        }
        long biased = resultExponent + f.bias;
        return (negative ? f.signBit : 0) | biased << f.fractionBits | (rounded.longValue() & f.fractionMask);
    }

    /** Rounds {@code magnitude} to a multiple of {@code 2^shift} (returned divided by it); sets {@link #lastInexact}. */
    private BigInteger roundAt(BigInteger magnitude, int shift, boolean sticky, boolean negative, int rm) {
        BigInteger quotient;
        int halfComparison;
        boolean inexact;
        if (shift <= 0) {
            quotient = magnitude.shiftLeft(-shift);
            halfComparison = -1;
            inexact = sticky;
        } else {
            quotient = magnitude.shiftRight(shift);
            BigInteger remainder = magnitude.subtract(quotient.shiftLeft(shift));
            halfComparison = remainder.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
            if (halfComparison == 0 && sticky) {
                halfComparison = 1;
            }
            inexact = remainder.signum() != 0 || sticky;
        }
        boolean increment = switch (rm) {
            case RNE -> halfComparison > 0 || (halfComparison == 0 && quotient.testBit(0));
            case RTZ -> false;
            case RDN -> inexact && negative;
            case RUP -> inexact && !negative;
            default -> halfComparison >= 0;
        };
        lastInexact = inexact;
        return increment ? quotient.add(BigInteger.ONE) : quotient;
    }

    private static long extend(long value, int width) {
        return width == 32 ? (int) value : value;
    }

    private static BigInteger unsigned(long value, int width) {
        BigInteger result = BigInteger.valueOf(value);
        return value < 0 && width == 64 ? result.add(BigInteger.ONE.shiftLeft(64)) : result;
    }
}
