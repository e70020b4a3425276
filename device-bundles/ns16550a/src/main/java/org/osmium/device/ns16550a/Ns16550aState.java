package org.osmium.device.ns16550a;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * What the guest can observe of an {@link Ns16550a}, converted to and from state record {@code ns16550a} version 1:
 * every register the guest reads or writes except IIR and MSR, which follow from the others (pending interrupts;
 * MCR), the pending-interrupt flags IIR reports, the receive-timeout deadline on the
 * machine clock ({@link #NO_DEADLINE} when unarmed) and the receive FIFO, oldest byte first.
 */
record Ns16550aState(int ier, int fcr, int lcr, int mcr, int lsr, int scr, int dll, int dlm,
                     boolean thrEmptyPending, boolean timeoutPending, long timeoutDeadline, byte[] rxFifo) {
    static final String TYPE = "ns16550a";
    static final int VERSION = 1;
    static final long NO_DEADLINE = -1;

    StateRecord toRecord() {
        return StateRecord.builder(TYPE, VERSION)
                .put("ier", ier).put("fcr", fcr).put("lcr", lcr).put("mcr", mcr).put("lsr", lsr)
                .put("scr", scr).put("dll", dll).put("dlm", dlm)
                .put("thrEmptyPending", thrEmptyPending).put("timeoutPending", timeoutPending)
                .put("timeoutDeadline", timeoutDeadline).put("rxFifo", rxFifo)
                .build();
    }

    /** Reads and checks a record: the type, the version, every field present, bytes in range, a FIFO that fits. */
    static Ns16550aState fromRecord(StateRecord record) throws StateException {
        record.require(TYPE, VERSION);
        int fcr = byteField(record, "fcr");
        byte[] rxFifo = record.getBytes("rxFifo");
        int capacity = (fcr & Ns16550a.FCR_ENABLE) != 0 ? Ns16550a.FIFO_DEPTH : 1;
        if (rxFifo.length > capacity) {
            throw new StateException("state 'ns16550a' field 'rxFifo' holds " + rxFifo.length + " bytes; at most "
                    + capacity + " fit with fcr = 0x" + Integer.toHexString(fcr));
        }
        long timeoutDeadline = record.getLong("timeoutDeadline");
        if (timeoutDeadline < NO_DEADLINE) {
            throw new StateException("state 'ns16550a' field 'timeoutDeadline' = " + timeoutDeadline
                    + " is neither a clock time nor " + NO_DEADLINE);
        }
        return new Ns16550aState(byteField(record, "ier"), fcr, byteField(record, "lcr"), byteField(record, "mcr"),
                byteField(record, "lsr"), byteField(record, "scr"), byteField(record, "dll"),
                byteField(record, "dlm"), record.getBoolean("thrEmptyPending"), record.getBoolean("timeoutPending"),
                timeoutDeadline, rxFifo);
    }

    private static int byteField(StateRecord record, String name) throws StateException {
        long value = record.getLong(name);
        if (value < 0 || value > 0xff) {
            throw new StateException("state 'ns16550a' field '" + name + "' = 0x" + Long.toHexString(value) + " is not a byte");
        }
        return (int) value;
    }
}
