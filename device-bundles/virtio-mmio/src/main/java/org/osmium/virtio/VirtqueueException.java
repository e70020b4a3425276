package org.osmium.virtio;

/**
 * The driver broke the virtqueue contract (a descriptor loop, an index out of range, a buffer the bus does not
 * answer): the device stops using its queues and asks for a reset, as the virtio specification's DEVICE_NEEDS_RESET.
 */
public final class VirtqueueException extends Exception {
    private static final long serialVersionUID = 1L;

    public VirtqueueException(String message) {
        super(message, null, false, false);
    }
}
