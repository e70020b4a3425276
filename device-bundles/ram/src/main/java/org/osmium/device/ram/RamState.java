package org.osmium.device.ram;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** The saved state of a {@link Ram}: its contents, converted to and from state record {@code ram} version 1. */
record RamState(byte[] bytes) {
    static final String TYPE = "ram";
    static final int VERSION = 1;

    StateRecord toRecord() {
        return StateRecord.builder(TYPE, VERSION).put("size", bytes.length).put("bytes", bytes).build();
    }

    /** Reads a record, checking that its {@code size} field agrees with its bytes. */
    static RamState fromRecord(StateRecord record) throws StateException {
        record.require(TYPE, VERSION);
        long size = record.getLong("size");
        byte[] bytes = record.getBytes("bytes");
        if (size != bytes.length) {
            throw new StateException("state 'ram' field 'size' = " + size + " disagrees with its " + bytes.length + " bytes");
        }
        return new RamState(bytes);
    }
}
