package org.osmium.device.plic;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * What the guest can observe of a {@link Plic}, converted to and from state record {@code plic} version 1: the source
 * and context counts, every priority and threshold, the pending, in-service and enable bits as 32-bit words, and the
 * levels of the input lines (the wires the other devices drive, which a replacement instance must not forget).
 */
record PlicState(int sources, int contexts, int[] priority, int[] threshold, int[] pending, int[] claimed, int[] enables,
                 int[] levels) {
    static final String TYPE = "plic";
    static final int VERSION = 1;

    StateRecord toRecord() {
        return StateRecord.builder(TYPE, VERSION).put("sources", sources).put("contexts", contexts)
                .put("priority", longs(priority)).put("threshold", longs(threshold)).put("pending", longs(pending))
                .put("claimed", longs(claimed)).put("enables", longs(enables)).put("levels", longs(levels)).build();
    }

    /** Reads and checks a record for a PLIC of this shape: counts that match, arrays of the right length, 3-bit priorities. */
    static PlicState fromRecord(StateRecord record, int sources, int contexts) throws StateException {
        record.require(TYPE, VERSION);
        long savedSources = record.getLong("sources");
        long savedContexts = record.getLong("contexts");
        if (savedSources != sources || savedContexts != contexts) {
            throw new StateException("state 'plic' holds " + savedSources + " sources and " + savedContexts
                    + " contexts but this instance has " + sources + " and " + contexts
                    + "; properties 'num-sources' and 'harts' must match");
        }
        int words = (sources + 31) >>> 5;
        return new PlicState(sources, contexts, priorities(record, "priority", sources),
                priorities(record, "threshold", contexts), words(record, "pending", words), words(record, "claimed", words),
                words(record, "enables", contexts * words), words(record, "levels", words));
    }

    private static int[] priorities(StateRecord record, String name, int length) throws StateException {
        int[] values = words(record, name, length);
        for (int index = 0; index < length; index++) {
            if (values[index] < 0 || values[index] > Plic.PRIORITY_MASK) {
                throw new StateException("state 'plic' field '" + name + "' [" + index + "] = " + values[index]
                        + " is not a priority (0 to " + Plic.PRIORITY_MASK + ")");
            }
        }
        return values;
    }

    private static int[] words(StateRecord record, String name, int length) throws StateException {
        long[] values = record.getLongs(name);
        if (values.length != length) {
            throw new StateException("state 'plic' field '" + name + "' holds " + values.length + " values; " + length
                    + " expected");
        }
        int[] words = new int[length];
        for (int index = 0; index < length; index++) {
            if (values[index] >>> 32 != 0) {
                throw new StateException("state 'plic' field '" + name + "' [" + index + "] = 0x"
                        + Long.toHexString(values[index]) + " does not fit in 32 bits");
            }
            words[index] = (int) values[index];
        }
        return words;
    }

    private static long[] longs(int[] words) {
        long[] values = new long[words.length];
        for (int index = 0; index < words.length; index++) {
            values[index] = words[index] & 0xffffffffL;
        }
        return values;
    }
}
