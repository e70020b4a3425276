package org.osmium.cpu.riscv;

import java.util.List;

/**
 * The one source of truth for 32-bit encodings: each row binds a mask/match pair to a dense operation index and an
 * operand format. The decoder reads this table; the interpreter switches on the same indices. Compressed
 * instructions are expanded to these encodings first, so they share every row.
 */
final class InstructionTable {
    /** How the operand fields and the immediate of a row are extracted. */
    enum Form { R, I, S, B, U, J, SHIFT, CSR, CSRI, NONE, R4, FP, AMO }

    /** One encoding: {@code (word & mask) == match} means operation {@code op}. */
    record Row(int op, String name, int mask, int match, Form form) {
    }

    static final int ILLEGAL = 1;
    static final int LUI = 2, AUIPC = 3, JAL = 4, JALR = 5;
    static final int BEQ = 6, BNE = 7, BLT = 8, BGE = 9, BLTU = 10, BGEU = 11;
    static final int LB = 12, LH = 13, LW = 14, LD = 15, LBU = 16, LHU = 17, LWU = 18;
    static final int SB = 19, SH = 20, SW = 21, SD = 22;
    static final int ADDI = 23, SLTI = 24, SLTIU = 25, XORI = 26, ORI = 27, ANDI = 28, SLLI = 29, SRLI = 30, SRAI = 31;
    static final int ADD = 32, SUB = 33, SLL = 34, SLT = 35, SLTU = 36, XOR = 37, SRL = 38, SRA = 39, OR = 40, AND = 41;
    static final int ADDIW = 42, SLLIW = 43, SRLIW = 44, SRAIW = 45;
    static final int ADDW = 46, SUBW = 47, SLLW = 48, SRLW = 49, SRAW = 50;
    static final int FENCE = 51, FENCE_I = 52, ECALL = 53, EBREAK = 54, MRET = 55, WFI = 56;
    static final int CSRRW = 57, CSRRS = 58, CSRRC = 59, CSRRWI = 60, CSRRSI = 61, CSRRCI = 62;
    static final int MUL = 63, MULH = 64, MULHSU = 65, MULHU = 66, DIV = 67, DIVU = 68, REM = 69, REMU = 70;
    static final int MULW = 71, DIVW = 72, DIVUW = 73, REMW = 74, REMUW = 75;
    static final int SRET = 76, SFENCE_VMA = 77;
    /** First operation handled outside the interpreter's main switch (atomics and floating point). */
    static final int FIRST_ATOMIC = 78;
    static final int LR_W = 78, SC_W = 79, AMOSWAP_W = 80, AMOADD_W = 81, AMOXOR_W = 82, AMOAND_W = 83, AMOOR_W = 84,
            AMOMIN_W = 85, AMOMAX_W = 86, AMOMINU_W = 87, AMOMAXU_W = 88;
    static final int LR_D = 89, SC_D = 90, AMOSWAP_D = 91, AMOADD_D = 92, AMOXOR_D = 93, AMOAND_D = 94, AMOOR_D = 95,
            AMOMIN_D = 96, AMOMAX_D = 97, AMOMINU_D = 98, AMOMAXU_D = 99;
    static final int FIRST_FLOAT = 100;
    static final int FLW = 100, FSW = 101, FLD = 102, FSD = 103;
    static final int FMADD_S = 104, FMSUB_S = 105, FNMSUB_S = 106, FNMADD_S = 107;
    static final int FADD_S = 108, FSUB_S = 109, FMUL_S = 110, FDIV_S = 111, FSQRT_S = 112;
    static final int FSGNJ_S = 113, FSGNJN_S = 114, FSGNJX_S = 115, FMIN_S = 116, FMAX_S = 117;
    static final int FCVT_W_S = 118, FCVT_WU_S = 119, FCVT_L_S = 120, FCVT_LU_S = 121, FMV_X_W = 122, FCLASS_S = 123;
    static final int FEQ_S = 124, FLT_S = 125, FLE_S = 126;
    static final int FCVT_S_W = 127, FCVT_S_WU = 128, FCVT_S_L = 129, FCVT_S_LU = 130, FMV_W_X = 131;
    static final int FMADD_D = 132, FMSUB_D = 133, FNMSUB_D = 134, FNMADD_D = 135;
    static final int FADD_D = 136, FSUB_D = 137, FMUL_D = 138, FDIV_D = 139, FSQRT_D = 140;
    static final int FSGNJ_D = 141, FSGNJN_D = 142, FSGNJX_D = 143, FMIN_D = 144, FMAX_D = 145;
    static final int FCVT_S_D = 146, FCVT_D_S = 147;
    static final int FCVT_W_D = 148, FCVT_WU_D = 149, FCVT_L_D = 150, FCVT_LU_D = 151, FMV_X_D = 152, FCLASS_D = 153;
    static final int FEQ_D = 154, FLT_D = 155, FLE_D = 156;
    static final int FCVT_D_W = 157, FCVT_D_WU = 158, FCVT_D_L = 159, FCVT_D_LU = 160, FMV_D_X = 161;
    /** First operation of the bit-manipulation extensions Zba, Zbb, Zbc and Zbs (see {@link BitManipulation}). */
    static final int FIRST_BITMANIP = 162;
    static final int ADD_UW = 162, SH1ADD = 163, SH2ADD = 164, SH3ADD = 165, SH1ADD_UW = 166, SH2ADD_UW = 167,
            SH3ADD_UW = 168, SLLI_UW = 169;
    static final int ANDN = 170, ORN = 171, XNOR = 172, CLZ = 173, CLZW = 174, CTZ = 175, CTZW = 176, CPOP = 177,
            CPOPW = 178, MAX = 179, MAXU = 180, MIN = 181, MINU = 182, SEXT_B = 183, SEXT_H = 184, ZEXT_H = 185,
            ROL = 186, ROLW = 187, ROR = 188, RORI = 189, RORIW = 190, RORW = 191, ORC_B = 192, REV8 = 193;
    static final int CLMUL = 194, CLMULH = 195, CLMULR = 196;
    static final int BCLR = 197, BCLRI = 198, BEXT = 199, BEXTI = 200, BINV = 201, BINVI = 202, BSET = 203, BSETI = 204;
    static final int OP_COUNT = 205;

    private static final int R = 0xfe00707f, I = 0x0000707f, U = 0x0000007f, SH64 = 0xfc00707f, FPRM = 0xfe00007f,
            FPUN = 0xfff0007f, FPUN3 = 0xfff0707f, AMO = 0xf800707f, LR = 0xf9f0707f, R4 = 0x0600007f;
    /** A bit-manipulation instruction of one source: its rs2 field is part of the encoding. */
    private static final int UNARY = 0xfff0707f;

    static final List<Row> ROWS = List.of(
            row(LUI, "lui", U, 0x37, Form.U), row(AUIPC, "auipc", U, 0x17, Form.U),
            row(JAL, "jal", U, 0x6f, Form.J), row(JALR, "jalr", I, 0x67, Form.I),
            row(BEQ, "beq", I, 0x0063, Form.B), row(BNE, "bne", I, 0x1063, Form.B), row(BLT, "blt", I, 0x4063, Form.B),
            row(BGE, "bge", I, 0x5063, Form.B), row(BLTU, "bltu", I, 0x6063, Form.B), row(BGEU, "bgeu", I, 0x7063, Form.B),
            row(LB, "lb", I, 0x0003, Form.I), row(LH, "lh", I, 0x1003, Form.I), row(LW, "lw", I, 0x2003, Form.I),
            row(LD, "ld", I, 0x3003, Form.I), row(LBU, "lbu", I, 0x4003, Form.I), row(LHU, "lhu", I, 0x5003, Form.I),
            row(LWU, "lwu", I, 0x6003, Form.I),
            row(SB, "sb", I, 0x0023, Form.S), row(SH, "sh", I, 0x1023, Form.S), row(SW, "sw", I, 0x2023, Form.S),
            row(SD, "sd", I, 0x3023, Form.S),
            row(ADDI, "addi", I, 0x0013, Form.I), row(SLTI, "slti", I, 0x2013, Form.I), row(SLTIU, "sltiu", I, 0x3013, Form.I),
            row(XORI, "xori", I, 0x4013, Form.I), row(ORI, "ori", I, 0x6013, Form.I), row(ANDI, "andi", I, 0x7013, Form.I),
            row(SLLI, "slli", SH64, 0x1013, Form.SHIFT), row(SRLI, "srli", SH64, 0x5013, Form.SHIFT),
            row(SRAI, "srai", SH64, 0x40005013, Form.SHIFT),
            row(ADD, "add", R, 0x0033, Form.R), row(SUB, "sub", R, 0x40000033, Form.R), row(SLL, "sll", R, 0x1033, Form.R),
            row(SLT, "slt", R, 0x2033, Form.R), row(SLTU, "sltu", R, 0x3033, Form.R), row(XOR, "xor", R, 0x4033, Form.R),
            row(SRL, "srl", R, 0x5033, Form.R), row(SRA, "sra", R, 0x40005033, Form.R), row(OR, "or", R, 0x6033, Form.R),
            row(AND, "and", R, 0x7033, Form.R),
            row(ADDIW, "addiw", I, 0x001b, Form.I), row(SLLIW, "slliw", R, 0x101b, Form.SHIFT),
            row(SRLIW, "srliw", R, 0x501b, Form.SHIFT), row(SRAIW, "sraiw", R, 0x4000501b, Form.SHIFT),
            row(ADDW, "addw", R, 0x003b, Form.R), row(SUBW, "subw", R, 0x4000003b, Form.R), row(SLLW, "sllw", R, 0x103b, Form.R),
            row(SRLW, "srlw", R, 0x503b, Form.R), row(SRAW, "sraw", R, 0x4000503b, Form.R),
            row(FENCE, "fence", I, 0x000f, Form.NONE), row(FENCE_I, "fence.i", I, 0x100f, Form.NONE),
            row(ECALL, "ecall", -1, 0x00000073, Form.NONE), row(EBREAK, "ebreak", -1, 0x00100073, Form.NONE),
            row(MRET, "mret", -1, 0x30200073, Form.NONE), row(WFI, "wfi", -1, 0x10500073, Form.NONE),
            row(SRET, "sret", -1, 0x10200073, Form.NONE), row(SFENCE_VMA, "sfence.vma", 0xfe007fff, 0x12000073, Form.R),
            row(CSRRW, "csrrw", I, 0x1073, Form.CSR), row(CSRRS, "csrrs", I, 0x2073, Form.CSR),
            row(CSRRC, "csrrc", I, 0x3073, Form.CSR), row(CSRRWI, "csrrwi", I, 0x5073, Form.CSRI),
            row(CSRRSI, "csrrsi", I, 0x6073, Form.CSRI), row(CSRRCI, "csrrci", I, 0x7073, Form.CSRI),
            row(MUL, "mul", R, 0x02000033, Form.R), row(MULH, "mulh", R, 0x02001033, Form.R),
            row(MULHSU, "mulhsu", R, 0x02002033, Form.R), row(MULHU, "mulhu", R, 0x02003033, Form.R),
            row(DIV, "div", R, 0x02004033, Form.R), row(DIVU, "divu", R, 0x02005033, Form.R),
            row(REM, "rem", R, 0x02006033, Form.R), row(REMU, "remu", R, 0x02007033, Form.R),
            row(MULW, "mulw", R, 0x0200003b, Form.R), row(DIVW, "divw", R, 0x0200403b, Form.R),
            row(DIVUW, "divuw", R, 0x0200503b, Form.R), row(REMW, "remw", R, 0x0200603b, Form.R),
            row(REMUW, "remuw", R, 0x0200703b, Form.R),
            row(LR_W, "lr.w", LR, 0x1000202f, Form.AMO), row(SC_W, "sc.w", AMO, 0x1800202f, Form.AMO),
            row(AMOSWAP_W, "amoswap.w", AMO, 0x0800202f, Form.AMO), row(AMOADD_W, "amoadd.w", AMO, 0x0000202f, Form.AMO),
            row(AMOXOR_W, "amoxor.w", AMO, 0x2000202f, Form.AMO), row(AMOAND_W, "amoand.w", AMO, 0x6000202f, Form.AMO),
            row(AMOOR_W, "amoor.w", AMO, 0x4000202f, Form.AMO), row(AMOMIN_W, "amomin.w", AMO, 0x8000202f, Form.AMO),
            row(AMOMAX_W, "amomax.w", AMO, 0xa000202f, Form.AMO), row(AMOMINU_W, "amominu.w", AMO, 0xc000202f, Form.AMO),
            row(AMOMAXU_W, "amomaxu.w", AMO, 0xe000202f, Form.AMO),
            row(LR_D, "lr.d", LR, 0x1000302f, Form.AMO), row(SC_D, "sc.d", AMO, 0x1800302f, Form.AMO),
            row(AMOSWAP_D, "amoswap.d", AMO, 0x0800302f, Form.AMO), row(AMOADD_D, "amoadd.d", AMO, 0x0000302f, Form.AMO),
            row(AMOXOR_D, "amoxor.d", AMO, 0x2000302f, Form.AMO), row(AMOAND_D, "amoand.d", AMO, 0x6000302f, Form.AMO),
            row(AMOOR_D, "amoor.d", AMO, 0x4000302f, Form.AMO), row(AMOMIN_D, "amomin.d", AMO, 0x8000302f, Form.AMO),
            row(AMOMAX_D, "amomax.d", AMO, 0xa000302f, Form.AMO), row(AMOMINU_D, "amominu.d", AMO, 0xc000302f, Form.AMO),
            row(AMOMAXU_D, "amomaxu.d", AMO, 0xe000302f, Form.AMO),
            row(FLW, "flw", I, 0x2007, Form.I), row(FSW, "fsw", I, 0x2027, Form.S),
            row(FLD, "fld", I, 0x3007, Form.I), row(FSD, "fsd", I, 0x3027, Form.S),
            row(FMADD_S, "fmadd.s", R4, 0x43, Form.R4), row(FMSUB_S, "fmsub.s", R4, 0x47, Form.R4),
            row(FNMSUB_S, "fnmsub.s", R4, 0x4b, Form.R4), row(FNMADD_S, "fnmadd.s", R4, 0x4f, Form.R4),
            row(FADD_S, "fadd.s", FPRM, 0x00000053, Form.FP), row(FSUB_S, "fsub.s", FPRM, 0x08000053, Form.FP),
            row(FMUL_S, "fmul.s", FPRM, 0x10000053, Form.FP), row(FDIV_S, "fdiv.s", FPRM, 0x18000053, Form.FP),
            row(FSQRT_S, "fsqrt.s", FPUN, 0x58000053, Form.FP),
            row(FSGNJ_S, "fsgnj.s", R, 0x20000053, Form.FP), row(FSGNJN_S, "fsgnjn.s", R, 0x20001053, Form.FP),
            row(FSGNJX_S, "fsgnjx.s", R, 0x20002053, Form.FP), row(FMIN_S, "fmin.s", R, 0x28000053, Form.FP),
            row(FMAX_S, "fmax.s", R, 0x28001053, Form.FP),
            row(FCVT_W_S, "fcvt.w.s", FPUN, 0xc0000053, Form.FP), row(FCVT_WU_S, "fcvt.wu.s", FPUN, 0xc0100053, Form.FP),
            row(FCVT_L_S, "fcvt.l.s", FPUN, 0xc0200053, Form.FP), row(FCVT_LU_S, "fcvt.lu.s", FPUN, 0xc0300053, Form.FP),
            row(FMV_X_W, "fmv.x.w", FPUN3, 0xe0000053, Form.FP), row(FCLASS_S, "fclass.s", FPUN3, 0xe0001053, Form.FP),
            row(FEQ_S, "feq.s", R, 0xa0002053, Form.FP), row(FLT_S, "flt.s", R, 0xa0001053, Form.FP),
            row(FLE_S, "fle.s", R, 0xa0000053, Form.FP),
            row(FCVT_S_W, "fcvt.s.w", FPUN, 0xd0000053, Form.FP), row(FCVT_S_WU, "fcvt.s.wu", FPUN, 0xd0100053, Form.FP),
            row(FCVT_S_L, "fcvt.s.l", FPUN, 0xd0200053, Form.FP), row(FCVT_S_LU, "fcvt.s.lu", FPUN, 0xd0300053, Form.FP),
            row(FMV_W_X, "fmv.w.x", FPUN3, 0xf0000053, Form.FP),
            row(FMADD_D, "fmadd.d", R4, 0x02000043, Form.R4), row(FMSUB_D, "fmsub.d", R4, 0x02000047, Form.R4),
            row(FNMSUB_D, "fnmsub.d", R4, 0x0200004b, Form.R4), row(FNMADD_D, "fnmadd.d", R4, 0x0200004f, Form.R4),
            row(FADD_D, "fadd.d", FPRM, 0x02000053, Form.FP), row(FSUB_D, "fsub.d", FPRM, 0x0a000053, Form.FP),
            row(FMUL_D, "fmul.d", FPRM, 0x12000053, Form.FP), row(FDIV_D, "fdiv.d", FPRM, 0x1a000053, Form.FP),
            row(FSQRT_D, "fsqrt.d", FPUN, 0x5a000053, Form.FP),
            row(FSGNJ_D, "fsgnj.d", R, 0x22000053, Form.FP), row(FSGNJN_D, "fsgnjn.d", R, 0x22001053, Form.FP),
            row(FSGNJX_D, "fsgnjx.d", R, 0x22002053, Form.FP), row(FMIN_D, "fmin.d", R, 0x2a000053, Form.FP),
            row(FMAX_D, "fmax.d", R, 0x2a001053, Form.FP),
            row(FCVT_S_D, "fcvt.s.d", FPUN, 0x40100053, Form.FP), row(FCVT_D_S, "fcvt.d.s", FPUN, 0x42000053, Form.FP),
            row(FCVT_W_D, "fcvt.w.d", FPUN, 0xc2000053, Form.FP), row(FCVT_WU_D, "fcvt.wu.d", FPUN, 0xc2100053, Form.FP),
            row(FCVT_L_D, "fcvt.l.d", FPUN, 0xc2200053, Form.FP), row(FCVT_LU_D, "fcvt.lu.d", FPUN, 0xc2300053, Form.FP),
            row(FMV_X_D, "fmv.x.d", FPUN3, 0xe2000053, Form.FP), row(FCLASS_D, "fclass.d", FPUN3, 0xe2001053, Form.FP),
            row(FEQ_D, "feq.d", R, 0xa2002053, Form.FP), row(FLT_D, "flt.d", R, 0xa2001053, Form.FP),
            row(FLE_D, "fle.d", R, 0xa2000053, Form.FP),
            row(FCVT_D_W, "fcvt.d.w", FPUN, 0xd2000053, Form.FP), row(FCVT_D_WU, "fcvt.d.wu", FPUN, 0xd2100053, Form.FP),
            row(FCVT_D_L, "fcvt.d.l", FPUN, 0xd2200053, Form.FP), row(FCVT_D_LU, "fcvt.d.lu", FPUN, 0xd2300053, Form.FP),
            row(FMV_D_X, "fmv.d.x", FPUN3, 0xf2000053, Form.FP),
            row(ADD_UW, "add.uw", R, 0x0800003b, Form.R), row(SH1ADD, "sh1add", R, 0x20002033, Form.R),
            row(SH2ADD, "sh2add", R, 0x20004033, Form.R), row(SH3ADD, "sh3add", R, 0x20006033, Form.R),
            row(SH1ADD_UW, "sh1add.uw", R, 0x2000203b, Form.R), row(SH2ADD_UW, "sh2add.uw", R, 0x2000403b, Form.R),
            row(SH3ADD_UW, "sh3add.uw", R, 0x2000603b, Form.R), row(SLLI_UW, "slli.uw", SH64, 0x0800101b, Form.SHIFT),
            row(ANDN, "andn", R, 0x40007033, Form.R), row(ORN, "orn", R, 0x40006033, Form.R),
            row(XNOR, "xnor", R, 0x40004033, Form.R),
            row(CLZ, "clz", UNARY, 0x60001013, Form.R), row(CLZW, "clzw", UNARY, 0x6000101b, Form.R),
            row(CTZ, "ctz", UNARY, 0x60101013, Form.R), row(CTZW, "ctzw", UNARY, 0x6010101b, Form.R),
            row(CPOP, "cpop", UNARY, 0x60201013, Form.R), row(CPOPW, "cpopw", UNARY, 0x6020101b, Form.R),
            row(MAX, "max", R, 0x0a006033, Form.R), row(MAXU, "maxu", R, 0x0a007033, Form.R),
            row(MIN, "min", R, 0x0a004033, Form.R), row(MINU, "minu", R, 0x0a005033, Form.R),
            row(SEXT_B, "sext.b", UNARY, 0x60401013, Form.R), row(SEXT_H, "sext.h", UNARY, 0x60501013, Form.R),
            row(ZEXT_H, "zext.h", UNARY, 0x0800403b, Form.R),
            row(ROL, "rol", R, 0x60001033, Form.R), row(ROLW, "rolw", R, 0x6000103b, Form.R),
            row(ROR, "ror", R, 0x60005033, Form.R), row(RORI, "rori", SH64, 0x60005013, Form.SHIFT),
            row(RORIW, "roriw", R, 0x6000501b, Form.SHIFT), row(RORW, "rorw", R, 0x6000503b, Form.R),
            row(ORC_B, "orc.b", UNARY, 0x28705013, Form.R), row(REV8, "rev8", UNARY, 0x6b805013, Form.R),
            row(CLMUL, "clmul", R, 0x0a001033, Form.R), row(CLMULH, "clmulh", R, 0x0a003033, Form.R),
            row(CLMULR, "clmulr", R, 0x0a002033, Form.R),
            row(BCLR, "bclr", R, 0x48001033, Form.R), row(BCLRI, "bclri", SH64, 0x48001013, Form.SHIFT),
            row(BEXT, "bext", R, 0x48005033, Form.R), row(BEXTI, "bexti", SH64, 0x48005013, Form.SHIFT),
            row(BINV, "binv", R, 0x68001033, Form.R), row(BINVI, "binvi", SH64, 0x68001013, Form.SHIFT),
            row(BSET, "bset", R, 0x28001033, Form.R), row(BSETI, "bseti", SH64, 0x28001013, Form.SHIFT));

    /** By operation index: true when the second operand is a shift amount in the immediate ({@link Form#SHIFT}). */
    private static final boolean[] SHIFT_BY_IMMEDIATE = shiftByImmediate();

    private InstructionTable() {
    }

    private static boolean[] shiftByImmediate() {
        boolean[] shifts = new boolean[OP_COUNT];
        for (Row row : ROWS) {
            shifts[row.op()] = row.form() == Form.SHIFT;
        }
        return shifts;
    }

    /** True when operation {@code op} takes its second operand, a shift amount, from the immediate. */
    static boolean shiftsByImmediate(int op) {
        return SHIFT_BY_IMMEDIATE[op];
    }

    private static Row row(int op, String name, int mask, int match, Form form) {
        return new Row(op, name, mask, match, form);
    }

    /** True when the operation's rd names an integer register (false for floating-point results). */
    static boolean writesIntegerRegister(int op) {
        return op < FIRST_FLOAT || op >= FIRST_BITMANIP || switch (op) {
            case FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S, FMV_X_W, FCLASS_S, FEQ_S, FLT_S, FLE_S, FCVT_W_D, FCVT_WU_D,
                    FCVT_L_D, FCVT_LU_D, FMV_X_D, FCLASS_D, FEQ_D, FLT_D, FLE_D -> true;
            default -> false;
        };
    }

    /** The row of an operation index. */
    static Row rowOf(int op) {
        for (Row row : ROWS) {
            if (row.op() == op) {
                return row;
            }
        }
        throw new IllegalArgumentException("no operation " + op);
    }
}
