package org.osmium.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The time base: a count of the clock at its frequency, moved by an offset, and when it reaches a count. */
class TimebaseTest {
    private long now;
    private final VirtualClock clock = new VirtualClock() {
        @Override
        public long nanos() {
            return now;
        }

        @Override
        public Timer newTimer(Runnable action) {
            throw new UnsupportedOperationException();
        }
    };
    private final Timebase timebase = new Timebase(clock, 10_000_000);

    @Test
    void countsTheClockAtItsFrequencyPlusTheOffset() {
        now = 1_000_000_099;
        assertEquals(10_000_000, timebase.ticks());
        timebase.setOffset(-9_999_990);
        assertEquals(10, timebase.ticks());
    }

    @Test
    void setTicksMovesTheCountToReadThatValueNow() {
        now = 5_000;
        timebase.setTicks(1_000);
        assertEquals(1_000, timebase.ticks());
        assertEquals(950, timebase.offset());
        now = 5_100;
        assertEquals(1_001, timebase.ticks(), "and it keeps counting");
    }

    @Test
    void nanosAtIsWhenTheCountIsReachedPastOrNever() {
        timebase.setOffset(1000);
        assertEquals(500, timebase.nanosAt(1005), "5 ticks of 100 ns after the clock's start");
        now = 10_000;
        assertEquals(0, timebase.nanosAt(999), "a count reached before the clock started is past");
        assertEquals(Long.MAX_VALUE, timebase.nanosAt(-1L), "the largest unsigned count is never reached");
    }

    @Test
    void aFrequencyThatDoesNotDivideOneGigahertzIsRefused() {
        assertEquals("time base frequency 3000000 Hz does not divide 1 GHz",
                assertThrows(IllegalArgumentException.class, () -> new Timebase(clock, 3_000_000)).getMessage());
    }
}
