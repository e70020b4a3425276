package org.osmium.cpu.riscv;

import static org.osmium.cpu.riscv.InstructionTable.*;

/**
 * Executes the F and D instructions on the hart's registers: NaN-boxed singles, static and dynamic rounding modes,
 * exact flags through {@link SoftFloat}.
 */
final class FloatUnit {
    private static final long BOX = 0xffffffff00000000L;
    private static final FloatFormat S = FloatFormat.SINGLE, D = FloatFormat.DOUBLE;
    private final long[] x;
    private final long[] f;
    private final SoftFloat soft;
    private final ControlRegisters csr;
    private final Memory memory;

    FloatUnit(long[] x, long[] f, SoftFloat soft, ControlRegisters csr, Memory memory) {
        this.x = x;
        this.f = f;
        this.soft = soft;
        this.csr = csr;
        this.memory = memory;
    }

    /**
     * Executes one floating-point instruction.
     *
     * @return false when it is illegal here (floating point off, or an invalid rounding mode)
     */
    boolean execute(int op, long decoded) throws Trap {
        if (!csr.floatEnabled()) {
            return false;
        }
        int rd = Decoder.rd(decoded), rs1 = Decoder.rs1(decoded), rs2 = Decoder.rs2(decoded), rs3 = Decoder.rs3(decoded);
        int rm = Decoder.rm(decoded), imm = Decoder.imm(decoded);
        if (rm == 7) {
            rm = csr.frm;
        }
        boolean roundingValid = rm <= 4;
        switch (op) {
            case FLW -> f[rd] = BOX | (memory.load32(x[rs1] + imm) & 0xffffffffL);
            case FLD -> f[rd] = memory.load64(x[rs1] + imm);
            case FSW -> memory.store32(x[rs1] + imm, (int) f[rs2]);
            case FSD -> memory.store64(x[rs1] + imm, f[rs2]);
            case FSGNJ_S -> f[rd] = box((single(rs1) & ~S.signBit) | (single(rs2) & S.signBit));
            case FSGNJN_S -> f[rd] = box((single(rs1) & ~S.signBit) | (~single(rs2) & S.signBit));
            case FSGNJX_S -> f[rd] = box(single(rs1) ^ (single(rs2) & S.signBit));
            case FSGNJ_D -> f[rd] = (f[rs1] & ~D.signBit) | (f[rs2] & D.signBit);
            case FSGNJN_D -> f[rd] = (f[rs1] & ~D.signBit) | (~f[rs2] & D.signBit);
            case FSGNJX_D -> f[rd] = f[rs1] ^ (f[rs2] & D.signBit);
            case FMIN_S -> f[rd] = box(soft.min(S, single(rs1), single(rs2)));
            case FMAX_S -> f[rd] = box(soft.max(S, single(rs1), single(rs2)));
            case FMIN_D -> f[rd] = soft.min(D, f[rs1], f[rs2]);
            case FMAX_D -> f[rd] = soft.max(D, f[rs1], f[rs2]);
            case FEQ_S -> x[rd] = soft.equal(S, single(rs1), single(rs2)) ? 1 : 0;
            case FLT_S -> x[rd] = soft.lessThan(S, single(rs1), single(rs2)) ? 1 : 0;
            case FLE_S -> x[rd] = soft.lessOrEqual(S, single(rs1), single(rs2)) ? 1 : 0;
            case FEQ_D -> x[rd] = soft.equal(D, f[rs1], f[rs2]) ? 1 : 0;
            case FLT_D -> x[rd] = soft.lessThan(D, f[rs1], f[rs2]) ? 1 : 0;
            case FLE_D -> x[rd] = soft.lessOrEqual(D, f[rs1], f[rs2]) ? 1 : 0;
            case FCLASS_S -> x[rd] = SoftFloat.classify(S, single(rs1));
            case FCLASS_D -> x[rd] = SoftFloat.classify(D, f[rs1]);
            case FMV_X_W -> x[rd] = (int) f[rs1];
            case FMV_W_X -> f[rd] = box(x[rs1]);
            case FMV_X_D -> x[rd] = f[rs1];
            case FMV_D_X -> f[rd] = x[rs1];
            default -> {
                if (!roundingValid) {
                    return false;
                }
                executeRounded(op, rd, rs1, rs2, rs3, rm);
            }
        }
        if (op != FSW && op != FSD && op != FMV_X_W && op != FMV_X_D && op != FCLASS_S && op != FCLASS_D) {
            csr.markFloatDirty();
        }
        return true;
    }

    private void executeRounded(int op, int rd, int rs1, int rs2, int rs3, int rm) {
        if (rm == SoftFloat.RNE || rm == SoftFloat.RTZ) {
            long fast = fast(op, rs1, rs2, rm);
            if (fast != FastFloat.MISS) {
                if (InstructionTable.writesIntegerRegister(op)) {
                    x[rd] = fast;
                } else {
                    f[rd] = op < FMADD_D ? box(fast) : fast;
                }
                return;
            }
        }
        switch (op) {
            case FADD_S -> f[rd] = box(soft.add(S, single(rs1), single(rs2), rm));
            case FSUB_S -> f[rd] = box(soft.sub(S, single(rs1), single(rs2), rm));
            case FMUL_S -> f[rd] = box(soft.mul(S, single(rs1), single(rs2), rm));
            case FDIV_S -> f[rd] = box(soft.div(S, single(rs1), single(rs2), rm));
            case FSQRT_S -> f[rd] = box(soft.sqrt(S, single(rs1), rm));
            case FADD_D -> f[rd] = soft.add(D, f[rs1], f[rs2], rm);
            case FSUB_D -> f[rd] = soft.sub(D, f[rs1], f[rs2], rm);
            case FMUL_D -> f[rd] = soft.mul(D, f[rs1], f[rs2], rm);
            case FDIV_D -> f[rd] = soft.div(D, f[rs1], f[rs2], rm);
            case FSQRT_D -> f[rd] = soft.sqrt(D, f[rs1], rm);
            case FMADD_S -> f[rd] = box(soft.fusedMultiplyAdd(S, single(rs1), single(rs2), single(rs3), false, false, rm));
            case FMSUB_S -> f[rd] = box(soft.fusedMultiplyAdd(S, single(rs1), single(rs2), single(rs3), false, true, rm));
            case FNMSUB_S -> f[rd] = box(soft.fusedMultiplyAdd(S, single(rs1), single(rs2), single(rs3), true, false, rm));
            case FNMADD_S -> f[rd] = box(soft.fusedMultiplyAdd(S, single(rs1), single(rs2), single(rs3), true, true, rm));
            case FMADD_D -> f[rd] = soft.fusedMultiplyAdd(D, f[rs1], f[rs2], f[rs3], false, false, rm);
            case FMSUB_D -> f[rd] = soft.fusedMultiplyAdd(D, f[rs1], f[rs2], f[rs3], false, true, rm);
            case FNMSUB_D -> f[rd] = soft.fusedMultiplyAdd(D, f[rs1], f[rs2], f[rs3], true, false, rm);
            case FNMADD_D -> f[rd] = soft.fusedMultiplyAdd(D, f[rs1], f[rs2], f[rs3], true, true, rm);
            case FCVT_W_S -> x[rd] = soft.toInteger(S, single(rs1), rm, true, 32);
            case FCVT_WU_S -> x[rd] = soft.toInteger(S, single(rs1), rm, false, 32);
            case FCVT_L_S -> x[rd] = soft.toInteger(S, single(rs1), rm, true, 64);
            case FCVT_LU_S -> x[rd] = soft.toInteger(S, single(rs1), rm, false, 64);
            case FCVT_W_D -> x[rd] = soft.toInteger(D, f[rs1], rm, true, 32);
            case FCVT_WU_D -> x[rd] = soft.toInteger(D, f[rs1], rm, false, 32);
            case FCVT_L_D -> x[rd] = soft.toInteger(D, f[rs1], rm, true, 64);
            case FCVT_LU_D -> x[rd] = soft.toInteger(D, f[rs1], rm, false, 64);
            case FCVT_S_W -> f[rd] = box(soft.fromInteger(S, (int) x[rs1], true, rm));
            case FCVT_S_WU -> f[rd] = box(soft.fromInteger(S, x[rs1] & 0xffffffffL, false, rm));
            case FCVT_S_L -> f[rd] = box(soft.fromInteger(S, x[rs1], true, rm));
            case FCVT_S_LU -> f[rd] = box(soft.fromInteger(S, x[rs1], false, rm));
            case FCVT_D_W -> f[rd] = soft.fromInteger(D, (int) x[rs1], true, rm);
            case FCVT_D_WU -> f[rd] = soft.fromInteger(D, x[rs1] & 0xffffffffL, false, rm);
            case FCVT_D_L -> f[rd] = soft.fromInteger(D, x[rs1], true, rm);
            case FCVT_D_LU -> f[rd] = soft.fromInteger(D, x[rs1], false, rm);
            case FCVT_S_D -> f[rd] = box(soft.convert(D, S, f[rs1], rm));
            case FCVT_D_S -> f[rd] = soft.convert(S, D, single(rs1), rm);
            default -> throw new IllegalStateException("operation " + op + " is not a floating-point one");
        }
    }

    /** The hardware result of a common-case operation, or {@link FastFloat#MISS}. */
    private long fast(int op, int rs1, int rs2, int rm) {
        if (rm == SoftFloat.RTZ) {
            return switch (op) {
                case FCVT_W_D -> FastFloat.doubleToInteger(soft, f[rs1], rm, true);
                case FCVT_L_D -> FastFloat.doubleToInteger(soft, f[rs1], rm, false);
                case FCVT_D_W -> FastFloat.integerToDouble((int) x[rs1]);
                case FCVT_D_L -> FastFloat.integerToDouble(x[rs1]);
                default -> FastFloat.MISS;
            };
        }
        return switch (op) {
            case FADD_D -> FastFloat.addDouble(soft, f[rs1], f[rs2]);
            case FSUB_D -> FastFloat.addDouble(soft, f[rs1], f[rs2] ^ D.signBit);
            case FMUL_D -> FastFloat.mulDouble(soft, f[rs1], f[rs2]);
            case FDIV_D -> FastFloat.divDouble(soft, f[rs1], f[rs2]);
            case FSQRT_D -> FastFloat.sqrtDouble(soft, f[rs1]);
            case FADD_S -> FastFloat.addSingle(soft, single(rs1), single(rs2));
            case FSUB_S -> FastFloat.addSingle(soft, single(rs1), single(rs2) ^ S.signBit);
            case FMUL_S -> FastFloat.mulSingle(soft, single(rs1), single(rs2));
            case FDIV_S -> FastFloat.divSingle(soft, single(rs1), single(rs2));
            case FSQRT_S -> FastFloat.sqrtSingle(soft, single(rs1));
            case FCVT_W_D -> FastFloat.doubleToInteger(soft, f[rs1], rm, true);
            case FCVT_L_D -> FastFloat.doubleToInteger(soft, f[rs1], rm, false);
            case FCVT_D_W -> FastFloat.integerToDouble((int) x[rs1]);
            case FCVT_D_L -> FastFloat.integerToDouble(x[rs1]);
            default -> FastFloat.MISS;
        };
    }

    /** The single in a register, or the canonical NaN when the register does not hold a NaN-boxed single. */
    private long single(int register) {
        long value = f[register];
        return (value & BOX) == BOX ? value & 0xffffffffL : S.canonicalNaN;
    }

    private static long box(long single) {
        return BOX | (single & 0xffffffffL);
    }
}
