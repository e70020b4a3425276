package org.osmium.device.goldfishrtc;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * What the guest can observe of a {@link GoldfishRtc}, converted to and from state record {@code goldfish-rtc}
 * version 1: the offset of the RTC time from the machine clock, the alarm time and whether it is armed, the interrupt
 * flags and the latched TIME_HIGH. The alarm timer follows from these and is re-armed on restore.
 */
record GoldfishRtcState(long tickOffset, long alarmNext, boolean alarmRunning, boolean irqPending, boolean irqEnabled,
                        long timeHigh) {
    static final String TYPE = "goldfish-rtc";
    static final int VERSION = 1;

    StateRecord toRecord() {
        return StateRecord.builder(TYPE, VERSION).put("tickOffset", tickOffset).put("alarmNext", alarmNext)
                .put("alarmRunning", alarmRunning).put("irqPending", irqPending).put("irqEnabled", irqEnabled)
                .put("timeHigh", timeHigh).build();
    }

    /** Reads and checks a record: type, version, every field present, TIME_HIGH a 32-bit value. */
    static GoldfishRtcState fromRecord(StateRecord record) throws StateException {
        record.require(TYPE, VERSION);
        long timeHigh = record.getLong("timeHigh");
        if (timeHigh >>> 32 != 0) {
            throw new StateException("state 'goldfish-rtc' field 'timeHigh' = 0x" + Long.toHexString(timeHigh)
                    + " does not fit in 32 bits");
        }
        return new GoldfishRtcState(record.getLong("tickOffset"), record.getLong("alarmNext"),
                record.getBoolean("alarmRunning"), record.getBoolean("irqPending"), record.getBoolean("irqEnabled"), timeHigh);
    }
}
