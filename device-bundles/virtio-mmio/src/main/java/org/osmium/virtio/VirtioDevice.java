package org.osmium.virtio;

import org.osmium.api.device.AccessFault;

/**
 * A virtio device type behind a {@link VirtioMmio} transport (block, network, ...): its id, the features it offers,
 * its queues, its configuration space, and what it does with the requests the driver queues.
 */
public interface VirtioDevice {
    /** The virtio device id (2 for a block device). */
    int deviceId();

    /** The feature bits the device offers; the transport adds {@link VirtioMmio#F_VERSION_1}. */
    long features();

    int queueCount();

    /** The largest size the driver may give any queue. */
    int queueSizeMax();

    /** The size of the device-specific configuration space in bytes. */
    int configSize();

    /** Reads {@code size} bytes of configuration space at {@code offset}, little-endian; the range is inside it. */
    long readConfig(int offset, int size);

    /** A driver write to configuration space; read-only fields ignore it. */
    default void writeConfig(int offset, int size, long value) {
    }

    /**
     * Serves the chains the driver made available on {@code queue} (it was notified), completing them in the used ring.
     *
     * @throws VirtqueueException or {@link AccessFault} when the driver broke the queue contract; the transport
     *         then marks the device as needing a reset
     */
    void process(Virtqueue queue) throws VirtqueueException, AccessFault;

    /** Returns the device-specific state to its reset value (the transport resets the queues itself). */
    void resetDevice();
}
