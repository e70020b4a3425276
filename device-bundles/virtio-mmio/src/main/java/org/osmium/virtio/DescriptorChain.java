package org.osmium.virtio;

import org.osmium.api.device.AccessFault;

/**
 * One request's buffers as the driver chained them: device-readable descriptors first, then device-writable ones.
 * A device keeps one instance and refills it with {@link Virtqueue#next}, so reading a chain allocates nothing.
 */
public final class DescriptorChain {
    private final long[] addresses;
    /** Descriptor lengths, unsigned 32-bit values. */
    private final long[] lengths;
    /** The largest span passed at once, so that a span always fits an int. */
    static final int MAX_SPAN = 1 << 30;

    private int head;
    private int count;
    private int readableCount;
    private long readableLength;
    private long writableLength;

    /** A chain holding up to {@code capacity} descriptors: the largest queue size the device offers. */
    public DescriptorChain(int capacity) {
        addresses = new long[capacity];
        lengths = new long[capacity];
    }

    /** The index of the chain's first descriptor, which identifies the request in the used ring. */
    public int head() {
        return head;
    }

    /** Bytes the device may read: the sum of the readable descriptors' lengths. */
    public long readableLength() {
        return readableLength;
    }

    /** Bytes the device may write: the sum of the writable descriptors' lengths. */
    public long writableLength() {
        return writableLength;
    }

    /**
     * Passes the readable (or writable) part's memory to {@code consumer} as spans, skipping its first {@code skip}
     * bytes and stopping after {@code length} bytes; returns how many bytes were passed.
     */
    public <E extends Exception> long spans(boolean writable, long skip, long length, SpanConsumer<E> consumer)
            throws E, AccessFault {
        int first = writable ? readableCount : 0;
        int end = writable ? count : readableCount;
        long passed = 0;
        for (int i = first; i < end && passed < length; i++) {
            if (skip >= lengths[i]) {
                skip -= lengths[i];
                continue;
            }
            while (skip < lengths[i] && passed < length) {
                int span = (int) Math.min(Math.min(lengths[i] - skip, length - passed), MAX_SPAN);
                consumer.span(addresses[i] + skip, span);
                passed += span;
                skip += span;
            }
            skip = 0;
        }
        return passed;
    }

    void start(int headIndex) {
        head = headIndex;
        count = 0;
        readableCount = 0;
        readableLength = 0;
        writableLength = 0;
    }

    /** Appends a descriptor; readable ones after a writable one break the chain contract. */
    void add(long address, long length, boolean writable) throws VirtqueueException {
        if (count == addresses.length) {
            throw new VirtqueueException("descriptor chain from " + head + " is longer than " + addresses.length + " entries");
        }
        if (!writable && count > readableCount) {
            throw new VirtqueueException("descriptor chain from " + head + " has a readable buffer after a writable one");
        }
        addresses[count] = address;
        lengths[count] = length;
        count++;
        if (writable) {
            writableLength += length;
        } else {
            readableCount = count;
            readableLength += length;
        }
    }
}
