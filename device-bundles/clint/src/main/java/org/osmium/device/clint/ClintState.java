package org.osmium.device.clint;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * What the guest can observe of a {@link Clint}, converted to and from state record {@code clint} version 1: the
 * hart count, the {@code msip} bits as a mask (bit n = hart n), every {@code mtimecmp}, and the offset of
 * {@code mtime} from the machine clock's ticks. Timer deadlines follow from these and are not saved.
 */
record ClintState(boolean[] msip, long[] mtimecmp, long mtimeOffset) {
    static final String TYPE = "clint";
    static final int VERSION = 1;

    StateRecord toRecord() {
        long mask = 0;
        for (int hart = 0; hart < msip.length; hart++) {
            mask |= msip[hart] ? 1L << hart : 0;
        }
        return StateRecord.builder(TYPE, VERSION).put("harts", msip.length).put("msip", mask)
                .put("mtimecmp", mtimecmp).put("mtimeOffset", mtimeOffset).build();
    }

    /** Reads and checks a record for a CLINT of {@code harts} harts: type, version, fields, matching hart count. */
    static ClintState fromRecord(StateRecord record, int harts) throws StateException {
        record.require(TYPE, VERSION);
        long savedHarts = record.getLong("harts");
        if (savedHarts != harts) {
            throw new StateException("state 'clint' holds " + savedHarts + " harts but this instance has " + harts
                    + "; property 'harts' must match");
        }
        long mask = record.getLong("msip");
        if (mask >>> harts != 0) {
            throw new StateException("state 'clint' field 'msip' = 0x" + Long.toHexString(mask) + " has bits beyond hart "
                    + (harts - 1));
        }
        long[] mtimecmp = record.getLongs("mtimecmp");
        if (mtimecmp.length != harts) {
            throw new StateException("state 'clint' field 'mtimecmp' holds " + mtimecmp.length + " values for " + harts
                    + " harts");
        }
        boolean[] msip = new boolean[harts];
        for (int hart = 0; hart < harts; hart++) {
            msip[hart] = (mask >>> hart & 1) != 0;
        }
        return new ClintState(msip, mtimecmp, record.getLong("mtimeOffset"));
    }
}
