package org.osmium.cpu.riscv;

/** Expands RV64C compressed instructions into their 32-bit equivalents, so that both share one decoder table. */
final class Compressed {
    private static final int LOAD = 0x03, LOAD_FP = 0x07, OP_IMM = 0x13, OP_IMM_32 = 0x1b, STORE = 0x23, STORE_FP = 0x27,
            OP = 0x33, LUI = 0x37, OP_32 = 0x3b, BRANCH = 0x63, JALR = 0x67, JAL = 0x6f;

    private Compressed() {
    }

    /** The 32-bit instruction for a 16-bit one, or 0 when the encoding is reserved or illegal. */
    static int expand(int c) {
        int op = c & 3, funct3 = c >>> 13;
        int rd = (c >>> 7) & 31, rs2 = (c >>> 2) & 31, rdPrime = ((c >>> 2) & 7) + 8, rs1Prime = ((c >>> 7) & 7) + 8;
        switch (op << 3 | funct3) {
            case 0: { // c.addi4spn
                int imm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bit(c, 6) << 2 | bit(c, 5) << 3;
                return imm == 0 ? 0 : i(OP_IMM, rdPrime, 0, 2, imm);
            }
            case 1: return i(LOAD_FP, rdPrime, 3, rs1Prime, bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6);
            case 2: return i(LOAD, rdPrime, 2, rs1Prime, bits(c, 12, 10) << 3 | bit(c, 6) << 2 | bit(c, 5) << 6);
            case 3: return i(LOAD, rdPrime, 3, rs1Prime, bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6);
            case 5: return s(STORE_FP, 3, rs1Prime, rdPrime, bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6);
            case 6: return s(STORE, 2, rs1Prime, rdPrime, bits(c, 12, 10) << 3 | bit(c, 6) << 2 | bit(c, 5) << 6);
            case 7: return s(STORE, 3, rs1Prime, rdPrime, bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6);
            case 8: return i(OP_IMM, rd, 0, rd, signedImm6(c)); // c.addi, c.nop
            case 9: return rd == 0 ? 0 : i(OP_IMM_32, rd, 0, rd, signedImm6(c)); // c.addiw
            case 10: return i(OP_IMM, rd, 0, 0, signedImm6(c)); // c.li
            case 11: {
                if (rd == 2) { // c.addi16sp
                    int imm = -bit(c, 12) << 9 | bit(c, 6) << 4 | bit(c, 5) << 6 | bits(c, 4, 3) << 7 | bit(c, 2) << 5;
                    return imm == 0 ? 0 : i(OP_IMM, 2, 0, 2, imm);
                }
                int imm = signedImm6(c) << 12;
                return imm == 0 ? 0 : imm | rd << 7 | LUI; // c.lui
            }
            case 12: return miscAlu(c, rs1Prime, rdPrime);
            case 13: return jal(0, jumpOffset(c)); // c.j
            case 14: return branch(0, rs1Prime, branchOffset(c)); // c.beqz
            case 15: return branch(1, rs1Prime, branchOffset(c)); // c.bnez
            case 16: return i(OP_IMM, rd, 1, rd, bit(c, 12) << 5 | rs2); // c.slli
            case 17: return i(LOAD_FP, rd, 3, 2, bit(c, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6); // c.fldsp
            case 18: return rd == 0 ? 0 : i(LOAD, rd, 2, 2, bit(c, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6);
            case 19: return rd == 0 ? 0 : i(LOAD, rd, 3, 2, bit(c, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6);
            case 20: {
                if (bit(c, 12) == 0) {
                    if (rs2 == 0) {
                        return rd == 0 ? 0 : i(JALR, 0, 0, rd, 0); // c.jr
                    }
                    return r(OP, rd, 0, 0, rs2, 0); // c.mv
                }
                if (rs2 == 0) {
                    return rd == 0 ? 0x00100073 : i(JALR, 1, 0, rd, 0); // c.ebreak, c.jalr
                }
                return r(OP, rd, 0, rd, rs2, 0); // c.add
            }
            case 21: return s(STORE_FP, 3, 2, rs2, bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6); // c.fsdsp
            case 22: return s(STORE, 2, 2, rs2, bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6); // c.swsp
            case 23: return s(STORE, 3, 2, rs2, bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6); // c.sdsp
            default: return 0;
        }
    }

    private static int miscAlu(int c, int rd, int rs2) {
        int shamt = bit(c, 12) << 5 | bits(c, 6, 2);
        switch (bits(c, 11, 10)) {
            case 0: return i(OP_IMM, rd, 5, rd, shamt); // c.srli
            case 1: return i(OP_IMM, rd, 5, rd, shamt | 0x400); // c.srai
            case 2: return i(OP_IMM, rd, 7, rd, signedImm6(c)); // c.andi
            default:
                switch (bit(c, 12) << 2 | bits(c, 6, 5)) {
                    case 0: return r(OP, rd, 0, rd, rs2, 0x20); // c.sub
                    case 1: return r(OP, rd, 4, rd, rs2, 0); // c.xor
                    case 2: return r(OP, rd, 6, rd, rs2, 0); // c.or
                    case 3: return r(OP, rd, 7, rd, rs2, 0); // c.and
                    case 4: return r(OP_32, rd, 0, rd, rs2, 0x20); // c.subw
                    case 5: return r(OP_32, rd, 0, rd, rs2, 0); // c.addw
                    default: return 0;
                }
        }
    }

    private static int signedImm6(int c) {
        return -bit(c, 12) << 5 | bits(c, 6, 2);
    }

    private static int jumpOffset(int c) {
        return -bit(c, 12) << 11 | bit(c, 11) << 4 | bits(c, 10, 9) << 8 | bit(c, 8) << 10 | bit(c, 7) << 6 | bit(c, 6) << 7
                | bits(c, 5, 3) << 1 | bit(c, 2) << 5;
    }

    private static int branchOffset(int c) {
        return -bit(c, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 | bits(c, 4, 3) << 1 | bit(c, 2) << 5;
    }

    private static int bit(int value, int position) {
        return (value >>> position) & 1;
    }

    private static int bits(int value, int high, int low) {
        return (value >>> low) & ((1 << (high - low + 1)) - 1);
    }

    private static int i(int opcode, int rd, int funct3, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int s(int opcode, int funct3, int rs1, int rs2, int imm) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | opcode;
    }

    private static int r(int opcode, int rd, int funct3, int rs1, int rs2, int funct7) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int branch(int funct3, int rs1, int offset) {
        return ((offset >> 12) & 1) << 31 | ((offset >> 5) & 63) << 25 | rs1 << 15 | funct3 << 12
                | ((offset >> 1) & 15) << 8 | ((offset >> 11) & 1) << 7 | BRANCH;
    }

    private static int jal(int rd, int offset) {
        return ((offset >> 20) & 1) << 31 | ((offset >> 1) & 1023) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 255) << 12 | rd << 7 | JAL;
    }
}
