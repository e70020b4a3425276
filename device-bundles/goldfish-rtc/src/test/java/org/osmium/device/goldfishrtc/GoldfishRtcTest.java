package org.osmium.device.goldfishrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.model.ModelException;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.TestDeviceContext;

/** The RTC's time, its alarm on a manual clock, its interrupt, its property and its device-tree node. */
class GoldfishRtcTest {
    /** 2024-01-02T03:04:05.000000006Z in nanoseconds. */
    private static final long START = 1_704_164_645_000_000_006L;

    private final TestDeviceContext context = new TestDeviceContext("rtc0");
    private final GoldfishRtc rtc = new GoldfishRtc(context.output("irq"), context.clock(), START);
    private final MmioHandler registers = rtc.regions().get(0).mmio();

    private long readTime() {
        long low = registers.read(GoldfishRtc.TIME_LOW, 4);
        return registers.read(GoldfishRtc.TIME_HIGH, 4) << 32 | low;
    }

    private void alarmAt(long nanos) {
        registers.write(GoldfishRtc.ALARM_HIGH, 4, nanos >>> 32);
        registers.write(GoldfishRtc.ALARM_LOW, 4, nanos & 0xffffffffL);
    }

    @Test
    void onePageOf32BitRegisters() {
        assertEquals(0x1000, rtc.regions().get(0).size());
        assertEquals(MmioHandler.SIZE_4, registers.accessSizes());
    }

    @Test
    void timeStartsAtTheWallClockAndAdvancesWithTheVirtualClock() {
        assertEquals(START, readTime());
        context.clock().advance(1_500_000_000L);
        assertEquals(START + 1_500_000_000L, readTime());
    }

    @Test
    void readingTimeLowLatchesTimeHigh() {
        long low = registers.read(GoldfishRtc.TIME_LOW, 4);
        context.clock().advance(1L << 33);
        assertEquals(START >>> 32, registers.read(GoldfishRtc.TIME_HIGH, 4), "the high half of the TIME_LOW read");
        assertEquals(START & 0xffffffffL, low);
    }

    @Test
    void writingTheTimeSetsTheClockThatThenKeepsRunning() {
        registers.write(GoldfishRtc.TIME_HIGH, 4, 0x12);
        registers.write(GoldfishRtc.TIME_LOW, 4, 0x3456);
        assertEquals(0x12_0000_3456L, readTime());
        context.clock().advance(10);
        assertEquals(0x12_0000_3460L, readTime());
    }

    @Test
    void alarmInTheFutureFiresOnTimeAndRaisesIrqWhenEnabled() {
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        alarmAt(START + 1000);
        assertEquals(1, registers.read(GoldfishRtc.ALARM_STATUS, 4));
        assertEquals(START + 1000, registers.read(GoldfishRtc.ALARM_HIGH, 4) << 32 | registers.read(GoldfishRtc.ALARM_LOW, 4));
        context.clock().advance(999);
        assertFalse(context.output("irq").level());
        context.clock().advance(1);
        assertTrue(context.output("irq").level());
        assertEquals(0, registers.read(GoldfishRtc.ALARM_STATUS, 4));
        registers.write(GoldfishRtc.CLEAR_INTERRUPT, 4, 1);
        assertFalse(context.output("irq").level());
    }

    @Test
    void alarmInThePastFiresAtOnce() {
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        alarmAt(START - 1);
        assertTrue(context.output("irq").level());
        assertEquals(0, registers.read(GoldfishRtc.ALARM_STATUS, 4));
        assertEquals(0, context.clock().armed());
    }

    @Test
    void interruptIsMaskedByIrqEnabledButStaysPending() {
        alarmAt(START + 10);
        context.clock().advance(10);
        assertFalse(context.output("irq").level());
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 3);
        assertEquals(1, registers.read(GoldfishRtc.IRQ_ENABLED, 4), "only bit 0 is kept");
        assertTrue(context.output("irq").level());
        assertEquals(List.of(false, true), context.output("irq").transitions());
    }

    @Test
    void clearAlarmDisarmsIt() {
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        alarmAt(START + 10);
        registers.write(GoldfishRtc.CLEAR_ALARM, 4, 1);
        assertEquals(0, registers.read(GoldfishRtc.ALARM_STATUS, 4));
        context.clock().advance(100);
        assertFalse(context.output("irq").level());
    }

    @Test
    void resetClearsAlarmAndInterruptButKeepsTheTime() {
        registers.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        alarmAt(START + 10);
        context.clock().advance(20);
        assertTrue(context.output("irq").level());
        alarmAt(START + 1000);
        rtc.reset();
        assertFalse(context.output("irq").level());
        assertEquals(0, registers.read(GoldfishRtc.IRQ_ENABLED, 4));
        assertEquals(0, registers.read(GoldfishRtc.ALARM_LOW, 4));
        assertEquals(0, context.clock().armed());
        assertEquals(START + 20, readTime());
    }

    @Test
    void unassignedOffsetsReadZeroAndIgnoreWrites() {
        registers.write(0x20, 4, 5);
        registers.write(GoldfishRtc.ALARM_STATUS, 4, 1);
        assertEquals(0, registers.read(0x20, 4));
        assertEquals(0, registers.read(0xffc, 4));
        assertEquals(0, registers.read(GoldfishRtc.ALARM_STATUS, 4));
    }

    @Test
    void closeCancelsTheAlarmTimer() {
        alarmAt(START + 10);
        rtc.close();
        assertEquals(0, context.clock().armed());
    }

    @Test
    void modelStartsAtTheHostTimeWithQemusBase() throws ModelException {
        GoldfishRtcModel model = new GoldfishRtcModel();
        assertEquals(Map.of("base", "0x101000"), model.schema().validate("rtc0 (goldfish-rtc)", Map.of()).asText());
        long before = Instant.now().toEpochMilli() * 1_000_000L;
        TestDeviceContext modelContext = new TestDeviceContext("rtc0");
        GoldfishRtc created = (GoldfishRtc) model.create(modelContext, model.schema().validate("rtc0", Map.of()));
        long after = Instant.now().toEpochMilli() * 1_000_000L + 1_000_000L;
        assertTrue(created.time() >= before && created.time() <= after, created.time() + " outside " + before + ".." + after);
        assertEquals(List.of("irq"), List.copyOf(modelContext.outputs().keySet()), "the model wires its one output, 'irq'");
        assertEquals("goldfish-rtc", model.type());
    }

    @Test
    void deviceTreeNodeIsQemus() {
        RecordingDtNode node = new RecordingDtNode("/soc/rtc@101000");
        rtc.describe(node, new RecordingDtNode("/"));
        assertEquals("rtc@101000", rtc.nodeName(0x101000));
        assertEquals("/soc", rtc.parentPath());
        assertEquals(Map.of("compatible", "\"google,goldfish-rtc\""), node.properties());
        assertFalse(rtc.extendedInterrupts());
    }
}
