package org.osmium.device.ns16550a;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.osmium.api.device.MmioHandler;

/**
 * Serves MMIO accesses from a declared list of byte registers: the register at {@code offset & 7} that is visible
 * in the current divisor-latch bank answers; wider accesses reach the same byte register (as QEMU's serial_mm does),
 * offsets repeat every 8 bytes, reads of write-only slots return 0 and writes to read-only slots are ignored.
 */
final class RegisterMap implements MmioHandler {
    /** Registers per bank (regshift 0: one byte apart). */
    static final int SLOTS = 8;

    private final List<Register> registers;
    private final BooleanSupplier divisorLatchAccess;
    private final Register[][] readers = new Register[2][SLOTS];
    private final Register[][] writers = new Register[2][SLOTS];

    RegisterMap(BooleanSupplier divisorLatchAccess, List<Register> registers) {
        this.divisorLatchAccess = divisorLatchAccess;
        this.registers = List.copyOf(registers);
        for (Register register : this.registers) {
            if (register.offset() < 0 || register.offset() >= SLOTS) {
                throw new IllegalArgumentException("register " + register.name() + " offset " + register.offset()
                        + " is outside 0.." + (SLOTS - 1));
            }
            for (int bank = 0; bank < 2; bank++) {
                if (register.visibleWith(bank == 1)) {
                    if (register.readable()) {
                        claim(readers[bank], register);
                    }
                    if (register.writable()) {
                        claim(writers[bank], register);
                    }
                }
            }
        }
    }

    private static void claim(Register[] slots, Register register) {
        Register holder = slots[register.offset()];
        if (holder != null) {
            throw new IllegalArgumentException("registers " + holder.name() + " and " + register.name()
                    + " both answer offset " + register.offset());
        }
        slots[register.offset()] = register;
    }

    /** The declared registers, in declaration order. */
    List<Register> registers() {
        return registers;
    }

    @Override
    public long read(long offset, int size) {
        Register register = readers[bank()][slot(offset)];
        if (register == null) {
            return 0;
        }
        int value = register.value().getAsInt() & 0xff;
        register.afterRead().run();
        return value;
    }

    @Override
    public void write(long offset, int size, long value) {
        Register register = writers[bank()][slot(offset)];
        if (register != null) {
            register.write().accept((int) value & 0xff);
        }
    }

    private int bank() {
        return divisorLatchAccess.getAsBoolean() ? 1 : 0;
    }

    private static int slot(long offset) {
        return (int) offset & (SLOTS - 1);
    }
}
