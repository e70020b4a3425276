package org.osmium.device.goldfishrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.testkit.TestDeviceContext;

/** Saving, restoring and comparing RTC state, the alarm re-armed from it, and refused records. */
class GoldfishRtcStateTest {
    @Test
    void saveRestoreCompareRoundTripKeepsTimeAndReArmsTheAlarm() throws StateException {
        TestDeviceContext context = new TestDeviceContext("rtc0");
        GoldfishRtc original = new GoldfishRtc(context.output("irq"), context.clock(), 5_000);
        MmioHandler registers = original.regions().get(0).mmio();
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        registers.write(GoldfishRtc.ALARM_LOW, 4, 6_000);
        registers.read(GoldfishRtc.TIME_LOW, 4);
        StateRecord saved = original.saveState();
        assertEquals("goldfish-rtc", saved.type());
        assertEquals(1, saved.version());

        TestDeviceContext other = new TestDeviceContext("rtc0");
        GoldfishRtc copy = new GoldfishRtc(other.output("irq"), other.clock(), 99_999);
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
        assertEquals(5_000, copy.time());
        other.clock().advance(999);
        assertFalse(other.output("irq").level());
        other.clock().advance(1);
        assertTrue(other.output("irq").level(), "the alarm was re-armed from the state");
    }

    @Test
    void restoringADisarmedAlarmCancelsTheTimer() throws StateException {
        TestDeviceContext context = new TestDeviceContext("rtc0");
        GoldfishRtc rtc = new GoldfishRtc(context.output("irq"), context.clock(), 0);
        StateRecord idle = rtc.saveState();
        rtc.regions().get(0).mmio().write(GoldfishRtc.ALARM_LOW, 4, 100);
        rtc.restoreState(idle);
        assertEquals(0, context.clock().armed());
    }

    @Test
    void badRecordsAreRefused() {
        TestDeviceContext context = new TestDeviceContext("rtc0");
        GoldfishRtc rtc = new GoldfishRtc(context.output("irq"), context.clock(), 0);
        StateRecord wide = StateRecord.builder("goldfish-rtc", 1).put("tickOffset", 0).put("alarmNext", 0)
                .put("alarmRunning", false).put("irqPending", false).put("irqEnabled", false).put("timeHigh", 1L << 32).build();
        assertEquals("state 'goldfish-rtc' field 'timeHigh' = 0x100000000 does not fit in 32 bits",
                assertThrows(StateException.class, () -> rtc.restoreState(wide)).getMessage());
        StateRecord missing = StateRecord.builder("goldfish-rtc", 1).put("timeHigh", 0).build();
        assertEquals("state 'goldfish-rtc' version 1 has no field 'tickOffset'",
                assertThrows(StateException.class, () -> rtc.restoreState(missing)).getMessage());
        assertEquals("state of type 'ram' given where 'goldfish-rtc' is expected",
                assertThrows(StateException.class, () -> rtc.restoreState(StateRecord.builder("ram", 1).build())).getMessage());
        assertEquals("state 'goldfish-rtc' version 2 is not readable (this model reads versions 1 to 1)",
                assertThrows(StateException.class, () -> rtc.restoreState(StateRecord.builder("goldfish-rtc", 2).build())).getMessage());
    }
}
