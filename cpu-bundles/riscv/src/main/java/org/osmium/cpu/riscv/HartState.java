package org.osmium.cpu.riscv;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * Writes and reads a hart's state record: pc, registers, every CSR (hpm counters and stimecmp too), PMP, privilege, reservation, wait flag. Version 2
 * added S-mode, paging and PMP; a version-1 record (M and U modes only) restores with those registers at reset values.
 */
final class HartState {
    /** The CSRs saved by name, in record order; version-1 records hold only the first eleven. */
    private static final String[] CSR_NAMES = {"mstatus", "mie", "mip", "mtvec", "mscratch", "mepc", "mcause", "mtval",
        "mcounteren", "mcountinhibit", "menvcfg", "medeleg", "mideleg", "stvec", "sscratch", "sepc", "scause", "stval",
        "scounteren", "senvcfg", "satp", "stimecmp"};
    private static final int VERSION_1_CSRS = 11;

    private HartState() {
    }

    static StateRecord save(RiscvHart hart, AtomicUnit atomics, SoftFloat soft, long retired) {
        ControlRegisters csr = hart.csr;
        StateRecord.Builder record = StateRecord.builder(RiscvHart.STATE_TYPE, RiscvHart.STATE_VERSION)
                .put("pc", hart.pc)
                .put("x", java.util.Arrays.copyOf(hart.x, 32))
                .put("f", hart.f)
                .put("privilege", hart.privilege);
        long[] values = csrValues(csr);
        for (int i = 0; i < CSR_NAMES.length; i++) {
            record.put(CSR_NAMES[i], values[i]);
        }
        long[] pmp = new long[2 + Pmp.ENTRIES];
        for (int i = 0; i < pmp.length; i++) {
            pmp[i] = csr.pmp.read(i < 2 ? Pmp.PMPCFG0 + 2 * i : Pmp.PMPADDR0 + i - 2);
        }
        return record.put("pmp", pmp)
                .put("hpm-counters", csr.hpmCounters)
                .put("hpm-events", csr.hpmEvents)
                .put("external-seip", csr.externalSeip)
                .put("software-seip", csr.softwareSeip)
                .put("frm", csr.frm)
                .put("fflags", soft.flags)
                .put("mcycle", retired + csr.cycleDelta)
                .put("minstret", retired + csr.instretDelta)
                .put("reserved", atomics.reserved)
                .put("reservation-address", atomics.reservationAddress)
                .put("reservation-value", atomics.reservationValue)
                .put("waiting", hart.isWaiting())
                .build();
    }

    private static long[] csrValues(ControlRegisters csr) {
        return new long[] {csr.mstatus, csr.mie, csr.mip, csr.mtvec, csr.mscratch, csr.mepc, csr.mcause, csr.mtval,
            csr.mcounteren, csr.mcountinhibit, csr.menvcfg, csr.medeleg, csr.mideleg, csr.stvec, csr.sscratch, csr.sepc,
            csr.scause, csr.stval, csr.scounteren, csr.senvcfg, csr.satp, csr.stimecmp};
    }

    /** Restores every field, or none: all fields are read and checked before any is set. */
    static void restore(StateRecord state, RiscvHart hart, AtomicUnit atomics, SoftFloat soft, long retired)
            throws StateException {
        state.require(RiscvHart.STATE_TYPE, RiscvHart.STATE_VERSION);
        boolean version1 = state.version() == 1;
        long[] x = state.getLongs("x"), f = state.getLongs("f");
        if (x.length != 32 || f.length != 32 || x[0] != 0) {
            throw new StateException("state 'rv64gc' needs 32 integer registers with x0 = 0 and 32 float registers");
        }
        int privilege = state.getInt("privilege");
        if (privilege != 0 && privilege != 3 && (version1 || privilege != 1)) {
            throw new StateException("state 'rv64gc' field 'privilege' = " + privilege + " is not 0 (U), 1 (S) or 3 (M)");
        }
        long pc = state.getLong("pc");
        long[] values = new long[CSR_NAMES.length];
        for (int i = 0; i < (version1 ? VERSION_1_CSRS : CSR_NAMES.length); i++) {
            values[i] = state.getLong(CSR_NAMES[i]);
        }
        long[] pmp = version1 ? new long[2 + Pmp.ENTRIES] : state.getLongs("pmp");
        if (pmp.length != 2 + Pmp.ENTRIES) {
            throw new StateException("state 'rv64gc' field 'pmp' holds " + pmp.length + " values, not " + (2 + Pmp.ENTRIES));
        }
        long[] hpmCounters = version1 ? new long[ControlRegisters.HPM_COUNT] : state.getLongs("hpm-counters");
        long[] hpmEvents = version1 ? new long[ControlRegisters.HPM_COUNT] : state.getLongs("hpm-events");
        if (hpmCounters.length != ControlRegisters.HPM_COUNT || hpmEvents.length != ControlRegisters.HPM_COUNT) {
            throw new StateException("state 'rv64gc' fields 'hpm-counters' and 'hpm-events' need "
                    + ControlRegisters.HPM_COUNT + " values each");
        }
        boolean externalSeip = !version1 && state.getBoolean("external-seip");
        boolean softwareSeip = !version1 && state.getBoolean("software-seip");
        int frm = state.getInt("frm"), fflags = state.getInt("fflags");
        long mcycle = state.getLong("mcycle"), minstret = state.getLong("minstret");
        boolean reserved = state.getBoolean("reserved"), waiting = state.getBoolean("waiting");
        long reservationAddress = state.getLong("reservation-address"), reservationValue = state.getLong("reservation-value");

        System.arraycopy(x, 0, hart.x, 0, 32);
        System.arraycopy(f, 0, hart.f, 0, 32);
        hart.pc = pc;
        hart.privilege = privilege;
        ControlRegisters csr = hart.csr;
        csr.reset(retired);
        csr.mstatus = values[0] | (version1 ? ControlRegisters.MSTATUS_SXL : 0);
        csr.mie = values[1];
        csr.mip = values[2];
        csr.mtvec = values[3];
        csr.mscratch = values[4];
        csr.mepc = values[5];
        csr.mcause = values[6];
        csr.mtval = values[7];
        csr.mcounteren = values[8];
        csr.mcountinhibit = values[9];
        csr.menvcfg = values[10];
        csr.medeleg = values[11];
        csr.mideleg = values[12];
        csr.stvec = values[13];
        csr.sscratch = values[14];
        csr.sepc = values[15];
        csr.scause = values[16];
        csr.stval = values[17];
        csr.scounteren = values[18];
        csr.senvcfg = values[19];
        csr.satp = values[20];
        csr.stimecmp = values[21];
        System.arraycopy(hpmCounters, 0, csr.hpmCounters, 0, ControlRegisters.HPM_COUNT);
        System.arraycopy(hpmEvents, 0, csr.hpmEvents, 0, ControlRegisters.HPM_COUNT);
        for (int i = Pmp.ENTRIES - 1; i >= 0; i--) {
            csr.pmp.write(Pmp.PMPADDR0 + i, pmp[2 + i]);
        }
        csr.pmp.write(Pmp.PMPCFG0, pmp[0]);
        csr.pmp.write(Pmp.PMPCFG0 + 2, pmp[1]);
        csr.externalSeip = externalSeip;
        csr.softwareSeip = softwareSeip;
        csr.frm = frm;
        soft.flags = fflags;
        csr.cycleDelta = mcycle - retired;
        csr.instretDelta = minstret - retired;
        atomics.reserved = reserved;
        atomics.reservationAddress = reservationAddress;
        atomics.reservationValue = reservationValue;
        hart.setWaiting(waiting);
    }
}
