package org.osmium.api.cpu;

import java.util.Map;
import org.osmium.api.device.Device;

/**
 * One hardware thread. The machine's execution thread calls {@link #run} in slices, round-robin over harts.
 * Interrupt inputs come through {@link Device#inputs()}; state through the device state record.
 */
public interface Hart extends Device {
    /** The hart id ({@code mhartid}). */
    int hartId();

    /**
     * Executes up to {@code budget} instructions and returns how many retired. Returns early when the hart waits
     * for an interrupt ({@code wfi}); guest faults become guest traps, never exceptions.
     */
    long run(long budget);

    /**
     * Ends a {@link #run} in progress at the next instruction boundary; called on the execution thread by side effects
     * of the current instruction (a device powering the machine off or resetting it).
     */
    void stopRun();

    /** True while the hart sleeps in {@code wfi} with no interrupt pending. */
    boolean isWaiting();

    /** Architectural registers by name ({@code pc}, {@code x1}/{@code ra}, ..., CSRs), in display order. */
    Map<String, Long> registers();

    /**
     * Sets a register by the name {@link #registers()} uses, or its ABI alias.
     *
     * @throws IllegalArgumentException naming the unknown register
     */
    void setRegister(String name, long value);

    /** Drops decoded instructions of {@code [address, address + length)}. */
    void invalidateCode(long address, long length);

    /**
     * Drops every cached translation to host memory and every decoded instruction: the machine's memory map changed
     * (a RAM or MMIO region was mapped, unmapped or replaced by a hot-swap).
     */
    void memoryMapChanged();
}
