package org.osmium.api.device;

/**
 * A character backend (stdio, file, socket, null) seen from a device such as a UART. Output is queued by the
 * machine and never lost because the host is slow. The machine may retarget the backend while the guest runs.
 */
public interface CharBackend {
    /** Queues one byte of guest output. */
    void write(int b);

    /** Takes the next byte of host input, or returns -1 when none is waiting. */
    int read();

    /**
     * Sets the action run on the execution thread whenever host input becomes available; the device then pulls
     * bytes with {@link #read()} as far as it has room.
     */
    void onInput(Runnable listener);
}
