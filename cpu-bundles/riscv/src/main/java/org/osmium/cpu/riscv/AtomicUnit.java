package org.osmium.cpu.riscv;

import static org.osmium.cpu.riscv.InstructionTable.*;

/**
 * Executes the A extension: LR/SC with a reservation and every AMO. As in QEMU 7.2, SC succeeds when the reserved
 * address still holds the value LR read, and misaligned or faulting AMOs report load causes.
 */
final class AtomicUnit {
    private final long[] x;
    private final Memory memory;
    private final Trap trap;
    /** The reservation LR made: address, the value read, and whether it is still held. */
    long reservationAddress;
    long reservationValue;
    boolean reserved;

    AtomicUnit(long[] x, Memory memory, Trap trap) {
        this.x = x;
        this.memory = memory;
        this.trap = trap;
    }

    void execute(int op, long decoded) throws Trap {
        int rd = Decoder.rd(decoded), rs1 = Decoder.rs1(decoded), rs2 = Decoder.rs2(decoded);
        long address = x[rs1];
        long source = x[rs2];
        boolean word = op < LR_D;
        int size = word ? 4 : 8;
        if (op == SC_W || op == SC_D) {
            storeConditional(rd, address, source, word);
            return;
        }
        if ((address & (size - 1)) != 0) {
            throw trap.fill(Trap.LOAD_MISALIGNED, address);
        }
        long old = word ? memory.load32(address) : memory.load64(address);
        if (op == LR_W || op == LR_D) {
            reservationAddress = address;
            reservationValue = old;
            reserved = true;
            x[rd] = old;
            return;
        }
        long result = switch (word ? op - AMOSWAP_W + AMOSWAP_D : op) {
            case AMOSWAP_D -> source;
            case AMOADD_D -> old + source;
            case AMOXOR_D -> old ^ source;
            case AMOAND_D -> old & source;
            case AMOOR_D -> old | source;
            case AMOMIN_D -> word ? Math.min((int) old, (int) source) : Math.min(old, source);
            case AMOMAX_D -> word ? Math.max((int) old, (int) source) : Math.max(old, source);
            case AMOMINU_D -> word ? (Integer.compareUnsigned((int) old, (int) source) < 0 ? old : source)
                    : (Long.compareUnsigned(old, source) < 0 ? old : source);
            case AMOMAXU_D -> word ? (Integer.compareUnsigned((int) old, (int) source) > 0 ? old : source)
                    : (Long.compareUnsigned(old, source) > 0 ? old : source);
            default -> throw new IllegalStateException("operation " + op + " is not an AMO");
        };
        if (word) {
            memory.store32(address, (int) result);
        } else {
            memory.store64(address, result);
        }
        x[rd] = old;
    }

    private void storeConditional(int rd, long address, long value, boolean word) throws Trap {
        boolean held = reserved && reservationAddress == address;
        reserved = false;
        if (!held) {
            x[rd] = 1;
            return;
        }
        if ((address & (word ? 3 : 7)) != 0) {
            throw trap.fill(Trap.LOAD_MISALIGNED, address);
        }
        long current = word ? memory.load32(address) : memory.load64(address);
        if (current != reservationValue) {
            x[rd] = 1;
        } else {
            if (word) {
                memory.store32(address, (int) value);
            } else {
                memory.store64(address, value);
            }
            x[rd] = 0;
        }
    }
}
