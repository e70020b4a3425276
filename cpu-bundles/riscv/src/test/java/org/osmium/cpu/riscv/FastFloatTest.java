package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/** The hardware fast paths give the exact core's bits and flags wherever they do not answer MISS. */
class FastFloatTest {
    private static final FloatFormat D = FloatFormat.DOUBLE, S = FloatFormat.SINGLE;

    @Test
    void fastPathsAgreeWithTheExactCore() {
        Random random = new Random(42);
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            long a = operand(random, true), b = operand(random, true);
            long sa = operand(random, false), sb = operand(random, false);
            answered += compare("fadd.d", a, b, (x, y) -> FastFloat.addDouble(fast, x, y), (x, y) -> exact.add(D, x, y, 0));
            answered += compare("fmul.d", a, b, (x, y) -> FastFloat.mulDouble(fast, x, y), (x, y) -> exact.mul(D, x, y, 0));
            answered += compare("fdiv.d", a, b, (x, y) -> FastFloat.divDouble(fast, x, y), (x, y) -> exact.div(D, x, y, 0));
            answered += compare("fsqrt.d", a & ~D.signBit, 0, (x, y) -> FastFloat.sqrtDouble(fast, x), (x, y) -> exact.sqrt(D, x, 0));
            answered += compare("fadd.s", sa, sb, (x, y) -> FastFloat.addSingle(fast, x, y), (x, y) -> exact.add(S, x, y, 0));
            answered += compare("fmul.s", sa, sb, (x, y) -> FastFloat.mulSingle(fast, x, y), (x, y) -> exact.mul(S, x, y, 0));
            answered += compare("fdiv.s", sa, sb, (x, y) -> FastFloat.divSingle(fast, x, y), (x, y) -> exact.div(S, x, y, 0));
            answered += compare("fsqrt.s", sa & ~S.signBit, 0, (x, y) -> FastFloat.sqrtSingle(fast, x), (x, y) -> exact.sqrt(S, x, 0));
            for (int rm : new int[] {SoftFloat.RNE, SoftFloat.RTZ}) {
                answered += compare("fcvt.w.d", a, 0, (x, y) -> FastFloat.doubleToInteger(fast, x, rm, true),
                        (x, y) -> exact.toInteger(D, x, rm, true, 32));
                answered += compare("fcvt.l.d", a, 0, (x, y) -> FastFloat.doubleToInteger(fast, x, rm, false),
                        (x, y) -> exact.toInteger(D, x, rm, true, 64));
            }
        }
        assertTrue(answered > 100_000, "the fast paths answered only " + answered + " times");
    }

    private final SoftFloat fast = new SoftFloat(), exact = new SoftFloat();

    private int compare(String what, long a, long b, LongBinaryOperator fastPath, LongBinaryOperator exactPath) {
        fast.flags = 0;
        exact.flags = 0;
        long result = fastPath.applyAsLong(a, b);
        if (result == FastFloat.MISS) {
            return 0;
        }
        long expected = exactPath.applyAsLong(a, b);
        String operands = what + "(" + Long.toHexString(a) + ", " + Long.toHexString(b) + ")";
        assertEquals(Long.toHexString(expected), Long.toHexString(result), operands);
        assertEquals(exact.flags, fast.flags, operands + " flags");
        return 1;
    }

    /** Random bits biased towards short significands (exact results) and varied exponents. */
    private static long operand(Random random, boolean isDouble) {
        if (isDouble) {
            long exponent = 1023 + random.nextInt(200) - 100;
            long fraction = random.nextBoolean() ? random.nextLong() & D.fractionMask : (random.nextLong() & 0xffL) << 44;
            long value = exponent << 52 | fraction;
            if (random.nextInt(8) == 0) {
                value = Double.doubleToRawLongBits(random.nextInt(2000) - 1000.5 * random.nextInt(2));
            }
            return random.nextBoolean() ? value | D.signBit : value;
        }
        long exponent = 127 + random.nextInt(60) - 30;
        long fraction = random.nextBoolean() ? random.nextInt() & S.fractionMask : (random.nextInt() & 0xfL) << 19;
        long value = exponent << 23 | fraction;
        return random.nextBoolean() ? value | S.signBit : value;
    }
}
