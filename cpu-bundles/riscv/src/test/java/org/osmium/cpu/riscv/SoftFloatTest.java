package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osmium.cpu.riscv.SoftFloat.*;

import org.junit.jupiter.api.Test;

/** Known IEEE 754 vectors in every rounding mode, with exact flags, for the soft-float core. */
class SoftFloatTest {
    private static final FloatFormat D = FloatFormat.DOUBLE, S = FloatFormat.SINGLE;
    private static final long ONE = bits(1.0), ONE_UP = 0x3ff0000000000001L, HALF_ULP = bits(0x1p-53);
    private static final long MAX = 0x7fefffffffffffffL, INF = 0x7ff0000000000000L, NAN = 0x7ff8000000000000L;
    private static final long MIN_NORMAL = 0x0010000000000000L, MIN_SUBNORMAL = 1L;
    private static final long SIGN = 1L << 63;

    private final SoftFloat soft = new SoftFloat();

    @Test
    void addTiesInEveryMode() {
        long[] expected = {ONE, ONE, ONE, ONE_UP, ONE_UP}; // RNE (even), RTZ, RDN, RUP, RMM (away)
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(expected[rm], INEXACT, soft.add(D, ONE, HALF_ULP, rm), "1 + 2^-53 rm=" + rm);
        }
        long[] negative = {ONE, ONE, ONE_UP, ONE, ONE_UP};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(SIGN | negative[rm], INEXACT, soft.add(D, SIGN | ONE, SIGN | HALF_ULP, rm), "-1 - 2^-53 rm=" + rm);
        }
        expect(bits(3.0), 0, soft.add(D, ONE, bits(2.0), RUP), "exact sum raises nothing");
    }

    @Test
    void exactCancellationGivesPlusZeroExceptRoundingDown() {
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(rm == RDN ? SIGN : 0, 0, soft.sub(D, ONE, ONE, rm), "1 - 1 rm=" + rm);
        }
    }

    @Test
    void overflowSaturatesOrGoesToInfinityByMode() {
        long[] positive = {INF, MAX, MAX, INF, INF};
        long[] negative = {INF, MAX, INF, MAX, INF};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(positive[rm], OVERFLOW | INEXACT, soft.add(D, MAX, MAX, rm), "MAX + MAX rm=" + rm);
            expect(SIGN | negative[rm], OVERFLOW | INEXACT, soft.mul(D, SIGN | MAX, bits(2.0), rm), "-MAX * 2 rm=" + rm);
        }
    }

    @Test
    void underflowIsTinyAfterRoundingAndInexact() {
        expect(0x0008000000000000L, 0, soft.mul(D, MIN_NORMAL, bits(0.5), RNE), "exact subnormal raises nothing");
        expect(0, UNDERFLOW | INEXACT, soft.mul(D, MIN_SUBNORMAL, bits(0.5), RNE), "half the smallest subnormal, RNE");
        expect(MIN_SUBNORMAL, UNDERFLOW | INEXACT, soft.mul(D, MIN_SUBNORMAL, bits(0.5), RUP), "same, RUP");
        // 2^-1022 * (1 - 2^-53): exact at 53 bits but below 2^-1022, rounds up to 2^-1022: tiny, so underflow.
        expect(MIN_NORMAL, UNDERFLOW | INEXACT, soft.mul(D, MIN_NORMAL, 0x3fefffffffffffffL, RNE), "tiny before and after");
        // 2^-1022 * (1 - 2^-54): rounded to 53 bits with unbounded exponent it is 2^-1022, so not tiny: inexact only.
        expect(MIN_NORMAL, INEXACT, soft.mul(D, bits(0x1p-1022 * (1 + 0x1p-27)), bits(1 - 0x1p-27), RNE), "tiny only before rounding");
    }

    @Test
    void divisionAndSquareRootFlags() {
        expect(INF, DIVIDE_BY_ZERO, soft.div(D, ONE, 0, RNE), "1 / 0");
        expect(SIGN | INF, DIVIDE_BY_ZERO, soft.div(D, ONE, SIGN, RNE), "1 / -0");
        expect(NAN, INVALID, soft.div(D, 0, 0, RNE), "0 / 0");
        expect(0x3fd5555555555555L, INEXACT, soft.div(D, ONE, bits(3.0), RNE), "1/3 RNE");
        expect(0x3fd5555555555556L, INEXACT, soft.div(D, ONE, bits(3.0), RUP), "1/3 RUP");
        expect(NAN, INVALID, soft.sqrt(D, SIGN | ONE, RNE), "sqrt(-1)");
        expect(SIGN, 0, soft.sqrt(D, SIGN, RNE), "sqrt(-0)");
        expect(0x3ff6a09e667f3bcdL, INEXACT, soft.sqrt(D, bits(2.0), RNE), "sqrt(2) RNE");
        expect(0x3ff6a09e667f3bccL, INEXACT, soft.sqrt(D, bits(2.0), RTZ), "sqrt(2) RTZ");
        expect(bits(3.0), 0, soft.sqrt(D, bits(9.0), RNE), "sqrt(9) exact");
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; separate multiply and add would give 0.
        expect(SIGN | bits(0x1p-104), 0, soft.fusedMultiplyAdd(D, ONE_UP, 0x3feffffffffffffeL, SIGN | ONE, false, false, RNE),
                "fma exact tiny difference");
        expect(0, INEXACT, soft.add(D, soft.mul(D, ONE_UP, 0x3feffffffffffffeL, RNE), SIGN | ONE, RNE), "unfused gives zero");
        expect(NAN, INVALID, soft.fusedMultiplyAdd(D, INF, 0, NAN, false, false, RNE), "inf * 0 + qNaN is invalid");
        expect(SIGN, 0, soft.fusedMultiplyAdd(D, 0, ONE, 0, true, true, RNE), "fnmadd(0, 1, 0) = -0");
    }

    @Test
    void conversionsToIntegersSaturate() {
        expect(Integer.MAX_VALUE, INVALID, soft.toInteger(D, bits(3e9), RNE, true, 32), "fcvt.w.d 3e9");
        expect(0, INVALID, soft.toInteger(D, SIGN | ONE, RNE, false, 32), "fcvt.wu.d -1");
        expect(0, INEXACT, soft.toInteger(D, bits(-0.5), RTZ, false, 32), "fcvt.wu.d -0.5 rtz");
        expect(Long.MAX_VALUE, INVALID, soft.toInteger(D, NAN, RNE, true, 64), "fcvt.l.d NaN");
        expect(-1L, INVALID, soft.toInteger(D, bits(0x1p64), RNE, false, 64), "fcvt.lu.d 2^64");
        expect(-1L, INVALID, soft.toInteger(D, INF, RNE, false, 32), "fcvt.wu.d +inf (sign-extended all ones)");
        expect(-2, INEXACT, soft.toInteger(D, bits(-2.5), RNE, true, 32), "fcvt.w.d -2.5 rne");
        expect(-3, INEXACT, soft.toInteger(D, bits(-2.5), RMM, true, 32), "fcvt.w.d -2.5 rmm");
        expect(-3, INEXACT, soft.toInteger(D, bits(-2.5), RDN, true, 32), "fcvt.w.d -2.5 rdn");
        expect(0xffffffff80000000L, 0, soft.toInteger(D, bits(-0x1p31), RNE, true, 32), "fcvt.w.d -2^31 exact");
        expect(0xffffffff80000000L, 0, soft.toInteger(D, bits(0x1p31), RNE, false, 32), "fcvt.wu.d 2^31 sign-extends");
    }

    @Test
    void conversionsBetweenFormatsAndFromIntegers() {
        expect(0x3f800000L, INEXACT, soft.convert(D, S, bits(1 + 0x1p-30), RNE), "fcvt.s.d 1+2^-30 rne");
        expect(0x3f800001L, INEXACT, soft.convert(D, S, bits(1 + 0x1p-30), RUP), "fcvt.s.d 1+2^-30 rup");
        expect(0x7f800000L, OVERFLOW | INEXACT, soft.convert(D, S, bits(1e300), RNE), "fcvt.s.d 1e300");
        expect(0x7f7fffffL, OVERFLOW | INEXACT, soft.convert(D, S, bits(1e300), RTZ), "fcvt.s.d 1e300 rtz");
        expect(0x7fc00000L, INVALID, soft.convert(D, S, 0x7ff0000000000001L, RNE), "fcvt.s.d sNaN");
        expect(0x7ff8000000000000L, 0, soft.convert(S, D, 0x7fc12345L, RNE), "fcvt.d.s qNaN is canonical");
        expect(0x4b800000L, INEXACT, soft.fromInteger(S, 16777217, true, RNE), "fcvt.s.w 2^24+1 rne");
        expect(0x4b800001L, INEXACT, soft.fromInteger(S, 16777217, true, RUP), "fcvt.s.w 2^24+1 rup");
        expect(0x43f0000000000000L, INEXACT, soft.fromInteger(D, -1L, false, RNE), "fcvt.d.lu 2^64-1");
        expect(bits(-1.0), 0, soft.fromInteger(D, -1L, true, RNE), "fcvt.d.l -1");
    }

    @Test
    void minMaxCompareAndClassify() {
        expect(SIGN, 0, soft.min(D, 0, SIGN), "min(+0, -0)");
        expect(0, 0, soft.max(D, SIGN, 0), "max(-0, +0)");
        expect(ONE, INVALID, soft.min(D, 0x7ff0000000000001L, ONE), "min(sNaN, 1)");
        expect(NAN, 0, soft.max(D, NAN, NAN), "max(NaN, NaN)");
        assertEquals(false, soft.equal(D, NAN, NAN));
        assertEquals(0, soft.flags, "feq on quiet NaNs is quiet");
        assertEquals(false, soft.lessThan(D, NAN, ONE));
        assertEquals(INVALID, soft.flags, "flt on a quiet NaN signals");
        soft.flags = 0;
        assertEquals(true, soft.lessOrEqual(D, SIGN, 0), "-0 <= +0");
        long[] values = {SIGN | INF, SIGN | ONE, SIGN | 1, SIGN, 0, 1, ONE, INF, 0x7ff0000000000001L, NAN};
        for (int i = 0; i < values.length; i++) {
            assertEquals(1L << i, SoftFloat.classify(D, values[i]), "fclass of " + Long.toHexString(values[i]));
        }
    }

    @Test
    void singlePrecisionRoundingModes() {
        long oneS = 0x3f800000L, tieS = 0x33800000L; // 1.0f and 2^-24, half an ulp of 1.0f
        long[] expected = {oneS, oneS, oneS, oneS + 1, oneS + 1};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(expected[rm], INEXACT, soft.add(S, oneS, tieS, rm), "1f + 2^-24 rm=" + rm);
        }
        expect(0x3eaaaaabL, INEXACT, soft.div(S, oneS, 0x40400000L, RNE), "1f/3f");
        expect(0x3eaaaaaaL, INEXACT, soft.div(S, oneS, 0x40400000L, RTZ), "1f/3f rtz");
    }

    private void expect(long expectedBits, int expectedFlags, long actual, String what) {
        assertEquals(Long.toHexString(expectedBits), Long.toHexString(actual), what);
        assertEquals(expectedFlags, soft.flags, what + " flags");
        soft.flags = 0;
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
