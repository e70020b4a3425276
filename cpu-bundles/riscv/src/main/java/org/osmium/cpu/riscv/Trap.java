package org.osmium.cpu.riscv;

/**
 * A synchronous guest exception on its way to the trap handler: cause and trap value. One instance per hart is
 * reused, and it has no stack trace, so throwing it costs no allocation.
 */
final class Trap extends Exception {
    private static final long serialVersionUID = 1L;
    static final int INSTRUCTION_ACCESS_FAULT = 1, ILLEGAL_INSTRUCTION = 2, BREAKPOINT = 3, LOAD_MISALIGNED = 4,
            LOAD_ACCESS_FAULT = 5, STORE_ACCESS_FAULT = 7, ECALL_FROM_U = 8, ECALL_FROM_S = 9, ECALL_FROM_M = 11,
            INSTRUCTION_PAGE_FAULT = 12, LOAD_PAGE_FAULT = 13, STORE_PAGE_FAULT = 15;
    int cause;
    long value;

    Trap() {
        super("guest trap", null, false, false);
    }

    Trap fill(int newCause, long newValue) {
        cause = newCause;
        value = newValue;
        return this;
    }
}
