package org.osmium.cpu.riscv;

/**
 * The common case of floating point on the host's hardware: round-to-nearest-even operations whose result is a
 * normal number, with inexactness found exactly by error-free transformations (TwoSum, FMA residuals). Anything
 * else (other rounding modes, NaNs, infinities, zeros, subnormal or overflowing results) answers {@link #MISS} and
 * goes to {@link SoftFloat}.
 */
final class FastFloat {
    /** Not a result: a signaling-NaN pattern that no fast path produces. */
    static final long MISS = 0x7ff400000000deadL;
    /** Below these magnitudes a residual could underflow and stop being exact. */
    private static final double SAFE_DOUBLE = 0x1p-960;
    private static final float SAFE_FLOAT = 0x1p-90f;

    private FastFloat() {
    }

    static long addDouble(SoftFloat soft, long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), sum = x + y;
        if (!normal(sum)) {
            return MISS;
        }
        double yPart = sum - x;
        inexactIf(soft, (x - (sum - yPart)) + (y - yPart) != 0);
        return Double.doubleToRawLongBits(sum);
    }

    static long mulDouble(SoftFloat soft, long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), product = x * y;
        if (!normal(product) || Math.abs(product) < SAFE_DOUBLE) {
            return MISS;
        }
        inexactIf(soft, Math.fma(x, y, -product) != 0);
        return Double.doubleToRawLongBits(product);
    }

    static long divDouble(SoftFloat soft, long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), quotient = x / y;
        if (!normal(quotient) || Math.abs(quotient) < SAFE_DOUBLE || !(Math.abs(x) >= SAFE_DOUBLE) || Double.isInfinite(x)) {
            return MISS;
        }
        inexactIf(soft, Math.fma(-quotient, y, x) != 0);
        return Double.doubleToRawLongBits(quotient);
    }

    static long sqrtDouble(SoftFloat soft, long a) {
        double x = Double.longBitsToDouble(a);
        if (!(x >= SAFE_DOUBLE) || Double.isInfinite(x)) {
            return MISS;
        }
        double root = Math.sqrt(x);
        inexactIf(soft, Math.fma(-root, root, x) != 0);
        return Double.doubleToRawLongBits(root);
    }

    static long addSingle(SoftFloat soft, long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b), sum = x + y;
        if (!normal(sum)) {
            return MISS;
        }
        float yPart = sum - x;
        inexactIf(soft, (x - (sum - yPart)) + (y - yPart) != 0);
        return Float.floatToRawIntBits(sum) & 0xffffffffL;
    }

    static long mulSingle(SoftFloat soft, long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b), product = x * y;
        if (!normal(product) || Math.abs(product) < SAFE_FLOAT) {
            return MISS;
        }
        inexactIf(soft, (double) x * y != product);
        return Float.floatToRawIntBits(product) & 0xffffffffL;
    }

    static long divSingle(SoftFloat soft, long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b), quotient = x / y;
        if (!normal(quotient) || Math.abs(quotient) < SAFE_FLOAT || Float.isInfinite(x)) {
            return MISS;
        }
        inexactIf(soft, (double) quotient * y != x);
        return Float.floatToRawIntBits(quotient) & 0xffffffffL;
    }

    static long sqrtSingle(SoftFloat soft, long a) {
        float x = Float.intBitsToFloat((int) a);
        if (!(x >= SAFE_FLOAT) || Float.isInfinite(x)) {
            return MISS;
        }
        float root = (float) Math.sqrt(x);
        inexactIf(soft, (double) root * root != x);
        return Float.floatToRawIntBits(root) & 0xffffffffL;
    }

    /** fcvt.w/l from a double with rtz (C casts) or rne, for values that fit; MISS otherwise. */
    static long doubleToInteger(SoftFloat soft, long a, int rm, boolean word) {
        double x = Double.longBitsToDouble(a);
        double limit = word ? 0x1p31 : 0x1p63;
        if (!(Math.abs(x) < limit) || (rm != SoftFloat.RTZ && rm != SoftFloat.RNE)) {
            return MISS;
        }
        double whole = rm == SoftFloat.RTZ ? (x < 0 ? Math.ceil(x) : Math.floor(x)) : Math.rint(x);
        if (!(Math.abs(whole) < limit)) {
            return MISS;
        }
        inexactIf(soft, whole != x);
        return (long) whole;
    }

    /** fcvt.d.w/l: exact when the value fits in 53 bits. */
    static long integerToDouble(long value) {
        return Math.abs(value) < (1L << 53) ? Double.doubleToRawLongBits((double) value) : MISS;
    }

    private static boolean normal(double value) {
        double magnitude = Math.abs(value);
        return magnitude >= Double.MIN_NORMAL && magnitude <= Double.MAX_VALUE;
    }

    private static boolean normal(float value) {
        float magnitude = Math.abs(value);
        return magnitude >= Float.MIN_NORMAL && magnitude <= Float.MAX_VALUE;
    }

    private static void inexactIf(SoftFloat soft, boolean inexact) {
        if (inexact) {
            soft.flags |= SoftFloat.INEXACT;
        }
    }
}
