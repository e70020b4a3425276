package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osmium.cpu.riscv.InstructionTable.*;

import org.junit.jupiter.api.Test;

/** Zba, Zbb, Zbc and Zbs results from the specification's definitions, where QEMU 7.2 is no reference. */
class BitManipulationTest {
    @Test
    void ctzwCountsOnlyTheLowWord() {
        assertEquals(32, BitManipulation.execute(CTZW, 0x8000000000000000L, 0), "QEMU 7.2 gives 63 here");
        assertEquals(32, BitManipulation.execute(CTZW, 0, 0));
        assertEquals(4, BitManipulation.execute(CTZW, 0x10, 0));
    }

    @Test
    void carryLessProductsGiveTheirLowHighAndReversedParts() {
        assertEquals(0b1111, BitManipulation.execute(CLMUL, 0b101, 0b11));
        assertEquals(1, BitManipulation.execute(CLMULH, 0x8000000000000000L, 2));
        assertEquals(1, BitManipulation.execute(CLMULR, 0x8000000000000000L, 1), "product bit 63 is its bit 0");
        assertEquals(0x8000000000000000L, BitManipulation.execute(CLMULR, 0x8000000000000000L, 0x8000000000000000L));
    }

    @Test
    void byteOperationsAndWordRotations() {
        assertEquals(0xff00ff00000000ffL, BitManipulation.execute(ORC_B, 0x0100800000000001L, 0));
        assertEquals(0xefcdab8967452301L, BitManipulation.execute(REV8, 0x0123456789abcdefL, 0));
        assertEquals(0xffffffff80000000L, BitManipulation.execute(RORIW, 1, 1), "a word result is sign-extended");
        assertEquals(0x1_0000_0002L, BitManipulation.execute(SH1ADD_UW, 0xffffffff00000001L, 0x1_0000_0000L));
    }
}
