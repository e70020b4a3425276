package org.osmium.device.goldfishrtc;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.device.VirtualClock;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The Goldfish RTC of QEMU's virt board ({@code hw/rtc/goldfish_rtc.c}): a 64-bit count of nanoseconds since the
 * Unix epoch, starting from the host's wall-clock time when the instance is created and advancing with the
 * machine's virtual clock, and one alarm. All registers are 32 bits wide:
 * <pre>
 * 0x00 TIME_LOW         read: low half of the time, latching the high half; write: replaces the low half
 * 0x04 TIME_HIGH        read: the latched high half; write: replaces the high half
 * 0x08 ALARM_LOW        read/write: low half of the alarm time; a write arms the alarm (fires at once if past)
 * 0x0c ALARM_HIGH       read/write: high half of the alarm time (write it first)
 * 0x10 IRQ_ENABLED      read/write: bit 0 enables the interrupt
 * 0x14 CLEAR_ALARM      write: disarms the alarm
 * 0x18 ALARM_STATUS     read: 1 while the alarm is armed
 * 0x1c CLEAR_INTERRUPT  write: acknowledges the alarm interrupt
 * </pre>
 * Reset clears the alarm and interrupt registers but not the time, as in QEMU. One method,
 * {@link #interruptLevel()}, derives the {@code irq} output.
 */
final class GoldfishRtc implements Device, DeviceTreeContributor, MmioHandler {
    static final long SIZE = 0x1000;
    static final int TIME_LOW = 0x00, TIME_HIGH = 0x04, ALARM_LOW = 0x08, ALARM_HIGH = 0x0c, IRQ_ENABLED = 0x10,
            CLEAR_ALARM = 0x14, ALARM_STATUS = 0x18, CLEAR_INTERRUPT = 0x1c;
    private static final long LOW_HALF = 0xffffffffL;

    private final IrqLine irq;
    private final VirtualClock clock;
    private final VirtualClock.Timer alarmTimer;
    /** The RTC time minus the virtual clock, in nanoseconds. */
    private long tickOffset;
    private long alarmNext;
    private boolean alarmRunning;
    private boolean irqPending;
    private boolean irqEnabled;
    private long timeHigh;

    /** @param wallClockNanos the host's time since the Unix epoch in nanoseconds, where the RTC starts */
    GoldfishRtc(IrqLine irq, VirtualClock clock, long wallClockNanos) {
        this.irq = irq;
        this.clock = clock;
        this.alarmTimer = clock.newTimer(this::alarmFired);
        this.tickOffset = wallClockNanos - clock.nanos();
        reset();
    }

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("registers", 0, SIZE, this));
    }

    @Override
    public void reset() {
        alarmTimer.cancel();
        alarmNext = 0;
        alarmRunning = false;
        irqPending = false;
        irqEnabled = false;
        updateInterrupt();
    }

    /** The RTC time: nanoseconds since the Unix epoch. */
    long time() {
        return tickOffset + clock.nanos();
    }

    // ---- What is pending: the one place that decides the irq output.

    boolean interruptLevel() {
        return irqPending && irqEnabled;
    }

    private void updateInterrupt() {
        irq.set(interruptLevel());
    }

    // ---- Alarm.

    private void armAlarm() {
        if (Long.compareUnsigned(alarmNext, time()) <= 0) {
            clearAlarm();
            alarmFired();
        } else {
            alarmTimer.fireAt(alarmNext - tickOffset);
            alarmRunning = true;
        }
    }

    private void clearAlarm() {
        alarmTimer.cancel();
        alarmRunning = false;
    }

    private void alarmFired() {
        alarmRunning = false;
        irqPending = true;
        updateInterrupt();
    }

    // ---- Registers.

    @Override
    public int accessSizes() {
        return SIZE_4;
    }

    @Override
    public long read(long offset, int size) {
        return switch ((int) offset) {
            case TIME_LOW -> {
                long now = time();
                timeHigh = now >>> 32;
                yield now & LOW_HALF;
            }
            case TIME_HIGH -> timeHigh;
            case ALARM_LOW -> alarmNext & LOW_HALF;
            case ALARM_HIGH -> alarmNext >>> 32;
            case IRQ_ENABLED -> irqEnabled ? 1 : 0;
            case ALARM_STATUS -> alarmRunning ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        long low = value & LOW_HALF;
        switch ((int) offset) {
            case TIME_LOW -> tickOffset += (time() & ~LOW_HALF | low) - time();
            case TIME_HIGH -> tickOffset += (low << 32 | time() & LOW_HALF) - time();
            case ALARM_LOW -> {
                alarmNext = alarmNext & ~LOW_HALF | low;
                armAlarm();
            }
            case ALARM_HIGH -> alarmNext = low << 32 | alarmNext & LOW_HALF;
            case IRQ_ENABLED -> {
                irqEnabled = (value & 1) != 0;
                updateInterrupt();
            }
            case CLEAR_ALARM -> clearAlarm();
            case CLEAR_INTERRUPT -> {
                irqPending = false;
                updateInterrupt();
            }
            default -> {
                // Read-only and unassigned offsets ignore writes, as in QEMU.
            }
        }
    }

    // ---- Device tree.

    @Override
    public String nodeName(long base) {
        return "rtc@" + Long.toHexString(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.strings("compatible", "google,goldfish-rtc");
    }

    // ---- State.

    @Override
    public StateRecord saveState() {
        return new GoldfishRtcState(tickOffset, alarmNext, alarmRunning, irqPending, irqEnabled, timeHigh).toRecord();
    }

    @Override
    public void restoreState(StateRecord record) throws StateException {
        GoldfishRtcState state = GoldfishRtcState.fromRecord(record);
        tickOffset = state.tickOffset();
        alarmNext = state.alarmNext();
        irqPending = state.irqPending();
        irqEnabled = state.irqEnabled();
        timeHigh = state.timeHigh();
        if (state.alarmRunning()) {
            armAlarm();
        } else {
            clearAlarm();
        }
        updateInterrupt();
    }

    @Override
    public void close() {
        alarmTimer.cancel();
    }
}
