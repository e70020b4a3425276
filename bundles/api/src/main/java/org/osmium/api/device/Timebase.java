package org.osmium.api.device;

/**
 * The machine's time base: a count at {@link #frequency()} Hz of the virtual clock, plus an offset. A RISC-V hart's
 * {@code time} CSR and the CLINT's {@code mtime} both read it, so that a guest write to {@code mtime} moves the time
 * every hart reads, as QEMU's ACLINT does. Thread-safe.
 */
public final class Timebase {
    private final VirtualClock clock;
    private final long frequency;
    private final long tickNanos;
    private volatile long offset;

    /** A count of {@code clock} at {@code frequency} Hz, a whole divisor of 1 GHz (QEMU virt: 10 MHz). */
    public Timebase(VirtualClock clock, long frequency) {
        if (frequency <= 0 || 1_000_000_000 % frequency != 0) {
            throw new IllegalArgumentException("time base frequency " + frequency + " Hz does not divide 1 GHz");
        }
        this.clock = clock;
        this.frequency = frequency;
        this.tickNanos = 1_000_000_000 / frequency;
    }

    /** Counts per second. */
    public long frequency() {
        return frequency;
    }

    /** The count now: the clock's count plus {@link #offset()}. */
    public long ticks() {
        return clock.nanos() / tickNanos + offset;
    }

    /** What has been added to the clock's count (0 after a machine reset). */
    public long offset() {
        return offset;
    }

    public synchronized void setOffset(long offset) {
        this.offset = offset;
    }

    /** Moves the count so that it reads {@code count} now (a guest write to {@code mtime}). */
    public synchronized void setTicks(long count) {
        offset += count - ticks();
    }

    /**
     * The virtual-clock time, in nanoseconds, at which {@link #ticks()} reaches {@code count} (unsigned) with the
     * present offset: a time already past if it has, {@link Long#MAX_VALUE} if the clock never gets there.
     */
    public long nanosAt(long count) {
        long clockTicks = count - offset;
        if (clockTicks < 0) {
            return Long.compareUnsigned(count, ticks()) <= 0 ? 0 : Long.MAX_VALUE;
        }
        return clockTicks >= Long.MAX_VALUE / tickNanos ? Long.MAX_VALUE : clockTicks * tickNanos;
    }
}
