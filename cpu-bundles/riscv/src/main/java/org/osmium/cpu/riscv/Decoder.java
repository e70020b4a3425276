package org.osmium.cpu.riscv;

import java.util.ArrayList;
import java.util.List;
import org.osmium.cpu.riscv.InstructionTable.Form;
import org.osmium.cpu.riscv.InstructionTable.Row;

/**
 * Decodes one instruction (32-bit, or 16-bit compressed after expansion) into one long: operation index (bits 0-7),
 * rd (8-13), rs1 (14-18), rs2 (19-23), the length in bytes (24-26) and the immediate (32-63). Floating-point forms,
 * which have no immediate, keep rs3 and the rounding mode there instead. A write to x0 is sent to
 * {@link #ZERO_SINK}, a scratch register, so that x0 stays zero without a check per instruction. Encodings come
 * from {@link InstructionTable}.
 */
final class Decoder {
    /** The register index that writes to x0 are sent to. */
    static final int ZERO_SINK = 32;
    private static final Row[][] ROWS_BY_OPCODE = rowsByOpcode();

    private Decoder() {
    }

    private static Row[][] rowsByOpcode() {
        List<List<Row>> buckets = new ArrayList<>();
        for (int opcode = 0; opcode < 128; opcode++) {
            buckets.add(new ArrayList<>());
        }
        for (Row row : InstructionTable.ROWS) {
            buckets.get(row.match() & 0x7f).add(row);
        }
        Row[][] table = new Row[128][];
        for (int opcode = 0; opcode < 128; opcode++) {
            table[opcode] = buckets.get(opcode).toArray(Row[]::new);
        }
        return table;
    }

    /** Decodes a 16-bit or 32-bit instruction; illegal ones keep their bits as immediate. */
    static long decode(int bits) {
        if ((bits & 3) != 3) {
            int expanded = Compressed.expand(bits & 0xffff);
            long decoded = expanded == 0 ? 0 : decode32(expanded, 2);
            if (expanded == 0 || op(decoded) == InstructionTable.ILLEGAL) {
                return pack(InstructionTable.ILLEGAL, 0, 0, 0, 2, bits & 0xffff);
            }
            return decoded;
        }
        return decode32(bits, 4);
    }

    static long pack(int op, int rd, int rs1, int rs2, int length, int imm) {
        return op | (long) rd << 8 | (long) rs1 << 14 | (long) rs2 << 19 | (long) length << 24 | (long) imm << 32;
    }

    static int op(long decoded) {
        return (int) decoded & 0xff;
    }

    static int rd(long decoded) {
        return (int) (decoded >>> 8) & 63;
    }

    static int rs1(long decoded) {
        return (int) (decoded >>> 14) & 31;
    }

    static int rs2(long decoded) {
        return (int) (decoded >>> 19) & 31;
    }

    static int length(long decoded) {
        return (int) (decoded >>> 24) & 7;
    }

    static int imm(long decoded) {
        return (int) (decoded >>> 32);
    }

    /** rs3 of a fused multiply-add. */
    static int rs3(long decoded) {
        return imm(decoded) & 31;
    }

    /** The rounding-mode field of a floating-point instruction. */
    static int rm(long decoded) {
        return (imm(decoded) >>> 5) & 7;
    }

    /** The row matching a 32-bit word, or null. */
    static Row find(int word) {
        for (Row row : ROWS_BY_OPCODE[word & 0x7f]) {
            if ((word & row.mask()) == row.match()) {
                return row;
            }
        }
        return null;
    }

    private static long decode32(int word, int length) {
        Row row = find(word);
        int rd = (word >>> 7) & 31, rs1 = (word >>> 15) & 31, rs2 = (word >>> 20) & 31, rs3 = word >>> 27;
        int rm = (word >>> 12) & 7;
        if (row == null || (usesRoundingMode(row) && (rm == 5 || rm == 6))) {
            return pack(InstructionTable.ILLEGAL, 0, 0, 0, length, word);
        }
        if (rd == 0 && InstructionTable.writesIntegerRegister(row.op())) {
            rd = ZERO_SINK;
        }
        int imm = row.form() == Form.FP || row.form() == Form.R4 ? rs3 | rm << 5 : immediate(row.form(), word);
        return pack(row.op(), rd, rs1, rs2, length, imm);
    }

    /** True for floating-point rows whose funct3 field is a rounding mode. */
    static boolean usesRoundingMode(Row row) {
        return (row.form() == Form.FP || row.form() == Form.R4) && (row.mask() & 0x7000) == 0;
    }

    static int immediate(Form form, int word) {
        return switch (form) {
            case I -> word >> 20;
            case S -> (word >> 25) << 5 | (word >>> 7) & 31;
            case B -> (word >> 31) << 12 | ((word >>> 7) & 1) << 11 | ((word >>> 25) & 63) << 5 | ((word >>> 8) & 15) << 1;
            case U -> word & 0xfffff000;
            case J -> (word >> 31) << 20 | ((word >>> 12) & 255) << 12 | ((word >>> 20) & 1) << 11 | ((word >>> 21) & 1023) << 1;
            case SHIFT -> (word >>> 20) & 63;
            case CSR, CSRI -> word >>> 20;
            case R, NONE, R4, FP, AMO -> 0;
        };
    }
}
