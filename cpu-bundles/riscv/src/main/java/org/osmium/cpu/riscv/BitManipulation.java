package org.osmium.cpu.riscv;

import static org.osmium.cpu.riscv.InstructionTable.*;

/** Executes the bit-manipulation extensions Zba, Zbb, Zbc and Zbs (RV64), which QEMU 7.2's virt CPU has too. */
final class BitManipulation {
    private static final long WORD = 0xffffffffL;

    private BitManipulation() {
    }

    /** The result of bit-manipulation operation {@code op} on {@code a} (rs1) and {@code b} (rs2, or the shift amount). */
    static long execute(int op, long a, long b) {
        int shift = (int) b & 63;
        return switch (op) {
            case ADD_UW -> (a & WORD) + b;
            case SH1ADD -> (a << 1) + b;
            case SH2ADD -> (a << 2) + b;
            case SH3ADD -> (a << 3) + b;
            case SH1ADD_UW -> ((a & WORD) << 1) + b;
            case SH2ADD_UW -> ((a & WORD) << 2) + b;
            case SH3ADD_UW -> ((a & WORD) << 3) + b;
            case SLLI_UW -> (a & WORD) << shift;
            case ANDN -> a & ~b;
            case ORN -> a | ~b;
            case XNOR -> ~(a ^ b);
            case CLZ -> Long.numberOfLeadingZeros(a);
            case CLZW -> Integer.numberOfLeadingZeros((int) a);
            case CTZ -> Long.numberOfTrailingZeros(a);
            case CTZW -> Integer.numberOfTrailingZeros((int) a);
            case CPOP -> Long.bitCount(a);
            case CPOPW -> Integer.bitCount((int) a);
            case MAX -> Math.max(a, b);
            case MAXU -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            case MIN -> Math.min(a, b);
            case MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case SEXT_B -> (byte) a;
            case SEXT_H -> (short) a;
            case ZEXT_H -> a & 0xffff;
            case ROL -> Long.rotateLeft(a, shift);
            case ROLW -> Integer.rotateLeft((int) a, shift);
            case ROR, RORI -> Long.rotateRight(a, shift);
            case RORW, RORIW -> Integer.rotateRight((int) a, shift);
            case ORC_B -> orCombineBytes(a);
            case REV8 -> Long.reverseBytes(a);
            case CLMUL -> carryLessMultiply(a, b, 0);
            case CLMULH -> carryLessMultiply(a, b, 64);
            case CLMULR -> carryLessMultiply(a, b, 63);
            case BCLR, BCLRI -> a & ~(1L << shift);
            case BEXT, BEXTI -> (a >>> shift) & 1;
            case BINV, BINVI -> a ^ (1L << shift);
            case BSET, BSETI -> a | (1L << shift);
            default -> throw new IllegalStateException("operation " + op + " is not a bit-manipulation operation");
        };
    }

    /** orc.b: each byte becomes 0xff if any of its bits is set, else 0. */
    private static long orCombineBytes(long value) {
        long result = 0;
        for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
            if ((value >>> (8 * byteIndex) & 0xff) != 0) {
                result |= 0xffL << (8 * byteIndex);
            }
        }
        return result;
    }

    /**
     * Bits {@code [from, from + 64)} of the 128-bit carry-less product of {@code a} and {@code b}: from 0 for clmul,
     * 64 for clmulh, 63 for clmulr.
     */
    private static long carryLessMultiply(long a, long b, int from) {
        long result = 0;
        for (int bit = 0; bit < 64; bit++) {
            if ((b >>> bit & 1) != 0) {
                int offset = bit - from; // where a's bit 0 lands in the result
                result ^= offset >= 0 ? a << offset : offset > -64 ? a >>> -offset : 0;
            }
        }
        return result;
    }
}
