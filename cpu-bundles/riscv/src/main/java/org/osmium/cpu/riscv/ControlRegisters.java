package org.osmium.cpu.riscv;

import org.osmium.api.device.VirtualClock;

/**
 * The control and status registers of an RV64 hart with M and U modes, as QEMU 7.2's virt machine shows them.
 * Reads and writes are by CSR number; {@link #readable} and {@link #writable} say whether an access is allowed, and
 * the caller raises the illegal-instruction trap when it is not.
 */
final class ControlRegisters {
    static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003;
    static final int CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;
    static final int MSTATUS = 0x300, MISA = 0x301, MIE = 0x304, MTVEC = 0x305,
            MCOUNTEREN = 0x306, MENVCFG = 0x30a, MCOUNTINHIBIT = 0x320, MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342,
            MTVAL = 0x343, MIP = 0x344, MCYCLE = 0xb00, MINSTRET = 0xb02, MVENDORID = 0xf11, MARCHID = 0xf12,
            MIMPID = 0xf13, MHARTID = 0xf14, MCONFIGPTR = 0xf15;

    static final long MSTATUS_MIE = 1L << 3, MSTATUS_MPIE = 1L << 7, MSTATUS_MPP = 3L << 11, MSTATUS_FS = 3L << 13,
            MSTATUS_MPRV = 1L << 17, MSTATUS_TW = 1L << 21, MSTATUS_UXL = 2L << 32, MSTATUS_SD = 1L << 63;
    private static final long MSTATUS_WRITABLE = MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV
            | MSTATUS_TW;
    /** MXL = 64 bits; extensions A, C, D, F, I, M, U. */
    static final long MISA_VALUE = 2L << 62 | 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 8 | 1 << 12 | 1 << 20;
    /** QEMU 7.2's values for its default rv64 cpu: no vendor, architecture and implementation id = QEMU version. */
    static final long VENDOR_ID = 0, ARCHITECTURE_ID = 0x70216, IMPLEMENTATION_ID = 0x70216;
    static final long INTERRUPTS = 0xaaa, SOFTWARE_SETTABLE_INTERRUPTS = 0x222;

    final int hartId;
    private final VirtualClock clock;
    private final SoftFloat soft;
    long mstatus = MSTATUS_UXL;
    long mie, mip, mtvec, mscratch, mepc, mcause, mtval, mcounteren, mcountinhibit, menvcfg;
    int frm;
    /** Added to the retired-instruction count to give minstret and mcycle (which a guest may write). */
    long instretDelta, cycleDelta;

    ControlRegisters(int hartId, VirtualClock clock, SoftFloat soft) {
        this.hartId = hartId;
        this.clock = clock;
        this.soft = soft;
    }

    /** True when {@code number} names a register this hart has and {@code privilege} may read it. */
    boolean readable(int number, int privilege) {
        if (((number >>> 8) & 3) > privilege || !exists(number)) {
            return false;
        }
        if (isFloat(number) && (mstatus & MSTATUS_FS) == 0) {
            return false;
        }
        if (privilege < 3 && number >= CYCLE && number <= 0xc1f) {
            return (mcounteren >>> (number & 31) & 1) != 0;
        }
        return true;
    }

    /** True when {@code number} may also be written (not a read-only register). */
    static boolean writable(int number) {
        return (number >>> 10) != 3;
    }

    private static boolean isFloat(int number) {
        return number >= FFLAGS && number <= FCSR;
    }

    private static boolean exists(int number) {
        return switch (number) {
            case FFLAGS, FRM, FCSR, CYCLE, TIME, INSTRET, MSTATUS, MISA, MIE, MTVEC, MCOUNTEREN, MENVCFG, MCOUNTINHIBIT,
                    MSCRATCH, MEPC, MCAUSE, MTVAL, MIP, MCYCLE, MINSTRET, MVENDORID, MARCHID, MIMPID, MHARTID,
                    MCONFIGPTR -> true;
            default -> (number >= 0xc03 && number <= 0xc1f) || (number >= 0xb03 && number <= 0xb1f)
                    || (number >= 0x323 && number <= 0x33f);
        };
    }

    /** Reads a register; {@code retired} is the count of instructions retired so far. */
    long read(int number, long retired) {
        return switch (number) {
            case FFLAGS -> soft.flags;
            case FRM -> frm;
            case FCSR -> (long) frm << 5 | soft.flags;
            case CYCLE, MCYCLE -> retired + cycleDelta;
            case INSTRET, MINSTRET -> retired + instretDelta;
            case TIME -> clock.nanos() / 100;
            case MSTATUS -> status();
            case MISA -> MISA_VALUE;
            case MIE -> mie;
            case MIP -> mip;
            case MTVEC -> mtvec;
            case MCOUNTEREN -> mcounteren;
            case MENVCFG -> menvcfg;
            case MCOUNTINHIBIT -> mcountinhibit;
            case MSCRATCH -> mscratch;
            case MEPC -> mepc;
            case MCAUSE -> mcause;
            case MTVAL -> mtval;
            case MVENDORID -> VENDOR_ID;
            case MARCHID -> ARCHITECTURE_ID;
            case MIMPID -> IMPLEMENTATION_ID;
            case MHARTID -> hartId;
            default -> 0; // mconfigptr, hpm counters and events: hardwired zero
        };
    }

    /** Writes a register that {@link #readable} and {@link #writable} allowed. */
    void write(int number, long value, long retired) {
        switch (number) {
            case FFLAGS -> setFloatState(frm, (int) value & 31);
            case FRM -> setFloatState((int) value & 7, soft.flags);
            case FCSR -> setFloatState((int) (value >>> 5) & 7, (int) value & 31);
            case MCYCLE -> cycleDelta = value - retired;
            case MINSTRET -> instretDelta = value - retired;
            case MSTATUS -> writeStatus(value);
            case MIE -> mie = value & INTERRUPTS;
            case MIP -> mip = (mip & ~SOFTWARE_SETTABLE_INTERRUPTS) | (value & SOFTWARE_SETTABLE_INTERRUPTS);
            case MTVEC -> {
                if ((value & 3) < 2) {
                    mtvec = value;
                }
            }
            case MCOUNTEREN -> mcounteren = value & 0xffffffffL;
            case MENVCFG -> menvcfg = value & 1;
            case MCOUNTINHIBIT -> mcountinhibit = value & 0xfffffffdL;
            case MSCRATCH -> mscratch = value;
            case MEPC -> mepc = value;
            case MCAUSE -> mcause = value;
            case MTVAL -> mtval = value;
            default -> {
                // misa and the hpm registers ignore writes
            }
        }
    }

    long status() {
        return (mstatus & MSTATUS_FS) == MSTATUS_FS ? mstatus | MSTATUS_SD : mstatus;
    }

    private void writeStatus(long value) {
        long previousMode = mstatus & MSTATUS_MPP;
        long mode = value & MSTATUS_MPP;
        if (mode != 0 && mode != MSTATUS_MPP) {
            mode = previousMode;
        }
        mstatus = (mstatus & ~MSTATUS_WRITABLE) | (value & MSTATUS_WRITABLE & ~MSTATUS_MPP) | mode;
    }

    private void setFloatState(int roundingMode, int flags) {
        frm = roundingMode;
        soft.flags = flags;
        markFloatDirty();
    }

    void markFloatDirty() {
        mstatus |= MSTATUS_FS;
    }

    boolean floatEnabled() {
        return (mstatus & MSTATUS_FS) != 0;
    }
}
