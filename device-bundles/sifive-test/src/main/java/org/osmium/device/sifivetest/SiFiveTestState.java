package org.osmium.device.sifivetest;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** The state record of a {@link SiFiveTest}: type {@code sifive-test} version 1, with no fields (it holds no state). */
final class SiFiveTestState {
    static final String TYPE = "sifive-test";
    static final int VERSION = 1;

    private SiFiveTestState() {
    }

    static StateRecord record() {
        return StateRecord.builder(TYPE, VERSION).build();
    }

    /** Accepts only a record of this type and a readable version. */
    static void check(StateRecord record) throws StateException {
        record.require(TYPE, VERSION);
    }
}
