package org.osmium.device.ns16550a;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * One byte register as a datasheet lists it: offset, name, the divisor-latch bank it lives in, access, reset value,
 * a pure value provider, and the hooks that carry side effects (after a read, on a write).
 */
record Register(int offset, String name, Bank bank, Access access, int resetValue,
                IntSupplier value, Runnable afterRead, IntConsumer write) {

    /** Which setting of LCR.DLAB makes the register visible. */
    enum Bank { ALWAYS, DLAB_CLEAR, DLAB_SET }

    /** What the guest may do with the register. */
    enum Access { READ_ONLY, WRITE_ONLY, READ_WRITE }

    private static final Runnable NO_SIDE_EFFECT = () -> { };

    /** A register the guest reads, whose read may have a side effect (popping a FIFO, clearing a flag). */
    static Register readOnly(int offset, String name, Bank bank, int resetValue, IntSupplier value, Runnable afterRead) {
        return new Register(offset, name, bank, Access.READ_ONLY, resetValue, value, afterRead, null);
    }

    /** A register the guest reads without side effect and never writes. */
    static Register readOnly(int offset, String name, Bank bank, int resetValue, IntSupplier value) {
        return readOnly(offset, name, bank, resetValue, value, NO_SIDE_EFFECT);
    }

    /** A register the guest writes and never reads back. */
    static Register writeOnly(int offset, String name, Bank bank, int resetValue, IntConsumer write) {
        return new Register(offset, name, bank, Access.WRITE_ONLY, resetValue, null, null, write);
    }

    /** A register the guest writes and reads back without side effect. */
    static Register readWrite(int offset, String name, Bank bank, int resetValue, IntSupplier value, IntConsumer write) {
        return new Register(offset, name, bank, Access.READ_WRITE, resetValue, value, NO_SIDE_EFFECT, write);
    }

    boolean readable() {
        return access != Access.WRITE_ONLY;
    }

    boolean writable() {
        return access != Access.READ_ONLY;
    }

    boolean visibleWith(boolean divisorLatchAccess) {
        return bank == Bank.ALWAYS || (bank == Bank.DLAB_SET) == divisorLatchAccess;
    }
}
