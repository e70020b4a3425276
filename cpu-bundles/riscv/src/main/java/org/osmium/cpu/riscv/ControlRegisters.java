package org.osmium.cpu.riscv;

import org.osmium.api.device.Timebase;

/**
 * The control and status registers of an RV64 hart with M, S and U modes, as QEMU 7.2's virt machine shows them.
 * Reads and writes are by CSR number; {@link #accessible} says whether an access is allowed, and the caller raises
 * the illegal-instruction trap when it is not.
 */
final class ControlRegisters {
    static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003;
    static final int CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;
    static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10a,
            SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144, STIMECMP = 0x14d, SATP = 0x180;
    static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304, MTVEC = 0x305,
            MCOUNTEREN = 0x306, MENVCFG = 0x30a, MCOUNTINHIBIT = 0x320, MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342,
            MTVAL = 0x343, MIP = 0x344, MCYCLE = 0xb00, MINSTRET = 0xb02, MVENDORID = 0xf11, MARCHID = 0xf12,
            MIMPID = 0xf13, MHARTID = 0xf14, MCONFIGPTR = 0xf15;

    static final long MSTATUS_SIE = 1L << 1, MSTATUS_MIE = 1L << 3, MSTATUS_SPIE = 1L << 5, MSTATUS_MPIE = 1L << 7,
            MSTATUS_SPP = 1L << 8, MSTATUS_MPP = 3L << 11, MSTATUS_FS = 3L << 13, MSTATUS_MPRV = 1L << 17,
            MSTATUS_SUM = 1L << 18, MSTATUS_MXR = 1L << 19, MSTATUS_TVM = 1L << 20, MSTATUS_TW = 1L << 21,
            MSTATUS_TSR = 1L << 22, MSTATUS_UXL = 2L << 32, MSTATUS_SXL = 2L << 34, MSTATUS_SD = 1L << 63;
    private static final long MSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP
            | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
    /** The mstatus fields sstatus shows (SD is computed). */
    private static final long SSTATUS_FIELDS = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM
            | MSTATUS_MXR | MSTATUS_UXL;
    private static final long SSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM
            | MSTATUS_MXR;
    /** The mstatus fields that change how loads and stores translate: the TLB must be flushed when they change. */
    static final long MSTATUS_TRANSLATION = MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR;
    /** MXL = 64 bits; extensions A, C, D, F, I, M, S, U. */
    static final long MISA_VALUE = 2L << 62 | 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 8 | 1 << 12 | 1 << 18 | 1 << 20;
    /** QEMU 7.2's values for its default rv64 cpu: no vendor, architecture and implementation id = QEMU version. */
    static final long VENDOR_ID = 0, ARCHITECTURE_ID = 0x70216, IMPLEMENTATION_ID = 0x70216;
    static final long INTERRUPTS = 0xaaa, SUPERVISOR_INTERRUPTS = 0x222, SOFTWARE_SETTABLE_INTERRUPTS = 0x222;
    static final long SEIP = 1L << 9, STIP = 1L << 5, SSIP = 1L << 1;
    /** Exceptions medeleg may delegate, as QEMU 7.2 (ecall from M included; it never delegates): all but H's. */
    static final long DELEGABLE_EXCEPTIONS = 0xbbff;
    /** menvcfg.STCE: Sstc's stimecmp drives mip.STIP (and S-mode may access stimecmp). */
    static final long MENVCFG_STCE = 1L << 63;
    /** The counter-enable bit of the time CSR (mcounteren.TM). */
    static final int TM = 1 << 1;
    /** Programmable counters mhpmcounter3.. that hold a value, as QEMU 7.2's 16; they count no events. */
    static final int HPM_FIRST = 3, HPM_COUNT = 16;
    /** satp modes: bare, Sv39, Sv48, Sv57. */
    static final int SATP_BARE = 0, SATP_SV39 = 8, SATP_SV48 = 9, SATP_SV57 = 10;

    final int hartId;
    private final Timebase timebase;
    private final SoftFloat soft;
    final Pmp pmp;
    long mstatus = MSTATUS_UXL | MSTATUS_SXL;
    long mie, mip, mtvec, mscratch, mepc, mcause, mtval, mcounteren, mcountinhibit, menvcfg, medeleg, mideleg;
    long stvec, sscratch, sepc, scause, stval, scounteren, senvcfg, satp, stimecmp;
    /** mhpmcounter3..18 and mhpmevent3..18. */
    final long[] hpmCounters = new long[HPM_COUNT], hpmEvents = new long[HPM_COUNT];
    /** The level of the external supervisor interrupt line and the SEIP bit software wrote; mip.SEIP is their or. */
    boolean externalSeip, softwareSeip;
    int frm;
    /** Added to the retired-instruction count to give minstret and mcycle (which a guest may write). */
    long instretDelta, cycleDelta;

    ControlRegisters(int hartId, Timebase timebase, SoftFloat soft) {
        this.hartId = hartId;
        this.timebase = timebase;
        this.soft = soft;
        this.pmp = new Pmp();
    }

    /** Resets every register that has a reset value; mip keeps the levels of the interrupt lines. */
    void reset(long retired) {
        mstatus = MSTATUS_UXL | MSTATUS_SXL;
        mie = 0;
        softwareSeip = false;
        mip = (mip & ~SOFTWARE_SETTABLE_INTERRUPTS) | (externalSeip ? SEIP : 0);
        mtvec = mscratch = mepc = mcause = mtval = 0;
        mcounteren = mcountinhibit = menvcfg = medeleg = mideleg = 0;
        stvec = sscratch = sepc = scause = stval = scounteren = senvcfg = satp = stimecmp = 0;
        java.util.Arrays.fill(hpmCounters, 0);
        java.util.Arrays.fill(hpmEvents, 0);
        frm = 0;
        soft.flags = 0;
        instretDelta = -retired;
        cycleDelta = -retired;
        pmp.reset();
    }

    /**
     * True when {@code number} names a register this hart has and {@code privilege} may access it (and write it, when
     * {@code writes}).
     */
    boolean accessible(int number, int privilege, boolean writes) {
        if (((number >>> 8) & 3) > privilege || !exists(number) || (writes && (number >>> 10) == 3)) {
            return false;
        }
        if (isFloat(number) && (mstatus & MSTATUS_FS) == 0) {
            return false;
        }
        if (number == SATP && privilege == 1 && (mstatus & MSTATUS_TVM) != 0) {
            return false;
        }
        if (number == STIMECMP && privilege < 3 && ((mcounteren & TM) == 0 || (menvcfg & MENVCFG_STCE) == 0)) {
            return false;
        }
        if (privilege < 3 && number >= CYCLE && number <= 0xc1f) {
            int bit = number & 31;
            return (mcounteren >>> bit & 1) != 0 && (privilege == 1 || (scounteren >>> bit & 1) != 0);
        }
        return true;
    }

    private static boolean isFloat(int number) {
        return number >= FFLAGS && number <= FCSR;
    }

    private static boolean exists(int number) {
        return switch (number) {
            case FFLAGS, FRM, FCSR, CYCLE, TIME, INSTRET, SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE,
                    STVAL, SIP, STIMECMP, SATP, MSTATUS, MISA, MEDELEG, MIDELEG, MIE, MTVEC, MCOUNTEREN, MENVCFG, MCOUNTINHIBIT,
                    MSCRATCH, MEPC, MCAUSE, MTVAL, MIP, MCYCLE, MINSTRET, MVENDORID, MARCHID, MIMPID, MHARTID,
                    MCONFIGPTR -> true;
            default -> (number >= 0xc03 && number <= 0xc1f) || (number >= 0xb03 && number <= 0xb1f)
                    || (number >= 0x323 && number <= 0x33f) || Pmp.has(number);
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
            case TIME -> time();
            case SSTATUS -> withDirtyBit(mstatus & SSTATUS_FIELDS);
            case SIE -> mie & mideleg;
            case SIP -> mip & mideleg;
            case STVEC -> stvec;
            case SCOUNTEREN -> scounteren;
            case SENVCFG -> senvcfg;
            case SSCRATCH -> sscratch;
            case SEPC -> sepc;
            case SCAUSE -> scause;
            case STVAL -> stval;
            case SATP -> satp;
            case STIMECMP -> stimecmp;
            case MSTATUS -> withDirtyBit(mstatus);
            case MISA -> MISA_VALUE;
            case MEDELEG -> medeleg;
            case MIDELEG -> mideleg;
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
            default -> Pmp.has(number) ? pmp.read(number) : hpmIndex(number) >= 0 ? hpmRegister(number)[hpmIndex(number)]
                    : 0; // mconfigptr and the hpm registers past the 16th: hardwired zero
        };
    }

    /** The time CSR: the machine's time base, which is the CLINT's mtime. */
    long time() {
        return timebase.ticks();
    }

    /** When the time reaches stimecmp, in the machine clock's nanoseconds (Long.MAX_VALUE: past the clock's range). */
    long stimecmpDeadline() {
        return timebase.nanosAt(stimecmp);
    }

    /** Writes a register that {@link #accessible} allowed. */
    void write(int number, long value, long retired) {
        switch (number) {
            case FFLAGS -> setFloatState(frm, (int) value & 31);
            case FRM -> setFloatState((int) value & 7, soft.flags);
            case FCSR -> setFloatState((int) (value >>> 5) & 7, (int) value & 31);
            case MCYCLE -> cycleDelta = value - retired;
            case MINSTRET -> instretDelta = value - retired;
            case SSTATUS -> mstatus = (mstatus & ~SSTATUS_WRITABLE) | (value & SSTATUS_WRITABLE);
            case SIE -> mie = (mie & ~mideleg) | (value & mideleg & SUPERVISOR_INTERRUPTS);
            case SIP -> writePending(value, mideleg & SSIP);
            case STVEC -> stvec = legalVector(value, stvec);
            case SCOUNTEREN -> scounteren = value & 0xffffffffL;
            case SENVCFG -> senvcfg = value & 1;
            case SSCRATCH -> sscratch = value;
            case SEPC -> sepc = value;
            case SCAUSE -> scause = value;
            case STVAL -> stval = value;
            case SATP -> writeSatp(value);
            case STIMECMP -> stimecmp = value;
            case MSTATUS -> writeStatus(value);
            case MEDELEG -> medeleg = value & DELEGABLE_EXCEPTIONS;
            case MIDELEG -> mideleg = value & SUPERVISOR_INTERRUPTS;
            case MIE -> mie = value & INTERRUPTS;
            case MIP -> writePending(value, (menvcfg & MENVCFG_STCE) != 0 ? SOFTWARE_SETTABLE_INTERRUPTS & ~STIP
                    : SOFTWARE_SETTABLE_INTERRUPTS);
            case MTVEC -> mtvec = legalVector(value, mtvec);
            case MCOUNTEREN -> mcounteren = value & 0xffffffffL;
            case MENVCFG -> menvcfg = value & (MENVCFG_STCE | 1);
            case MCOUNTINHIBIT -> mcountinhibit = value & 0xfffffffdL;
            case MSCRATCH -> mscratch = value;
            case MEPC -> mepc = value;
            case MCAUSE -> mcause = value;
            case MTVAL -> mtval = value;
            default -> {
                if (Pmp.has(number)) {
                    pmp.write(number, value);
                } else if (hpmIndex(number) >= 0) {
                    hpmRegister(number)[hpmIndex(number)] = value;
                }
                // misa and the other hpm registers ignore writes
            }
        }
    }

    /** The index of mhpmcounterN, hpmcounterN or mhpmeventN (N = 3..18) in its array, or -1. */
    private static int hpmIndex(int number) {
        int n = number & 31;
        boolean hpm = (number >= 0xb03 && number <= 0xb1f) || (number >= 0xc03 && number <= 0xc1f)
                || (number >= 0x323 && number <= 0x33f);
        return hpm && n >= HPM_FIRST && n < HPM_FIRST + HPM_COUNT ? n - HPM_FIRST : -1;
    }

    private long[] hpmRegister(int number) {
        return (number >>> 8) == 3 ? hpmEvents : hpmCounters;
    }

    /** Writes the mip bits of {@code mask}; SEIP as QEMU: the software bit, or-ed with the external line. */
    private void writePending(long value, long mask) {
        if ((mask & SEIP) != 0) {
            softwareSeip = (value & SEIP) != 0;
            value |= externalSeip ? SEIP : 0;
        }
        mip = (mip & ~mask) | (value & mask);
    }

    /** Sets the external supervisor interrupt line's level. */
    void setExternalSeip(boolean level) {
        externalSeip = level;
        mip = level || softwareSeip ? mip | SEIP : mip & ~SEIP;
    }

    /** A trap vector keeps its old value when the new one asks for a reserved mode (2 or 3). */
    private static long legalVector(long value, long old) {
        return (value & 3) < 2 ? value : old;
    }

    private void writeSatp(long value) {
        int mode = (int) (value >>> 60);
        if (mode == SATP_BARE || mode == SATP_SV39 || mode == SATP_SV48 || mode == SATP_SV57) {
            satp = value;
        }
    }

    private long withDirtyBit(long status) {
        return (status & MSTATUS_FS) == MSTATUS_FS ? status | MSTATUS_SD : status;
    }

    private void writeStatus(long value) {
        long previousMode = mstatus & MSTATUS_MPP;
        long mode = value & MSTATUS_MPP;
        if (mode == 2L << 11) {
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
