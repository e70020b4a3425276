package org.osmium.cpu.riscv;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** Writes and reads a hart's state record: pc, registers, every CSR, privilege, reservation, wait flag. */
final class HartState {
    private HartState() {
    }

    static StateRecord save(RiscvHart hart, AtomicUnit atomics, SoftFloat soft, long retired) {
        ControlRegisters csr = hart.csr;
        return StateRecord.builder(RiscvHart.STATE_TYPE, RiscvHart.STATE_VERSION)
                .put("pc", hart.pc)
                .put("x", java.util.Arrays.copyOf(hart.x, 32))
                .put("f", hart.f)
                .put("privilege", hart.privilege)
                .put("mstatus", csr.mstatus)
                .put("mie", csr.mie)
                .put("mip", csr.mip)
                .put("mtvec", csr.mtvec)
                .put("mscratch", csr.mscratch)
                .put("mepc", csr.mepc)
                .put("mcause", csr.mcause)
                .put("mtval", csr.mtval)
                .put("mcounteren", csr.mcounteren)
                .put("mcountinhibit", csr.mcountinhibit)
                .put("menvcfg", csr.menvcfg)
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

    /** Restores every field, or none: all fields are read and checked before any is set. */
    static void restore(StateRecord state, RiscvHart hart, AtomicUnit atomics, SoftFloat soft, long retired)
            throws StateException {
        state.require(RiscvHart.STATE_TYPE, RiscvHart.STATE_VERSION);
        long[] x = state.getLongs("x"), f = state.getLongs("f");
        if (x.length != 32 || f.length != 32 || x[0] != 0) {
            throw new StateException("state 'rv64gc' needs 32 integer registers with x0 = 0 and 32 float registers");
        }
        int privilege = state.getInt("privilege");
        if (privilege != 0 && privilege != 3) {
            throw new StateException("state 'rv64gc' field 'privilege' = " + privilege + " is not 0 (U) or 3 (M)");
        }
        long pc = state.getLong("pc");
        long[] csrValues = new long[11];
        String[] csrNames = {"mstatus", "mie", "mip", "mtvec", "mscratch", "mepc", "mcause", "mtval", "mcounteren",
            "mcountinhibit", "menvcfg"};
        for (int i = 0; i < csrNames.length; i++) {
            csrValues[i] = state.getLong(csrNames[i]);
        }
        int frm = state.getInt("frm"), fflags = state.getInt("fflags");
        long mcycle = state.getLong("mcycle"), minstret = state.getLong("minstret");
        boolean reserved = state.getBoolean("reserved"), waiting = state.getBoolean("waiting");
        long reservationAddress = state.getLong("reservation-address"), reservationValue = state.getLong("reservation-value");

        System.arraycopy(x, 0, hart.x, 0, 32);
        System.arraycopy(f, 0, hart.f, 0, 32);
        hart.pc = pc;
        hart.privilege = privilege;
        ControlRegisters csr = hart.csr;
        csr.mstatus = csrValues[0];
        csr.mie = csrValues[1];
        csr.mip = csrValues[2];
        csr.mtvec = csrValues[3];
        csr.mscratch = csrValues[4];
        csr.mepc = csrValues[5];
        csr.mcause = csrValues[6];
        csr.mtval = csrValues[7];
        csr.mcounteren = csrValues[8];
        csr.mcountinhibit = csrValues[9];
        csr.menvcfg = csrValues[10];
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
