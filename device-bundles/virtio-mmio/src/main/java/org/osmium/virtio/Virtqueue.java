package org.osmium.virtio;

import org.osmium.api.device.AccessFault;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * A split virtqueue (virtio 1.x section 2.7) living in guest memory: the descriptor table, the driver (available)
 * ring and the device (used) ring at the addresses the driver set through the transport. The device takes chains
 * with {@link #next} and hands them back with {@link #complete}; the transport interrupts the driver afterwards
 * unless the driver asked not to be (VIRTQ_AVAIL_F_NO_INTERRUPT; event indexes are not offered).
 */
public final class Virtqueue {
    static final String STATE_TYPE = "virtqueue";
    static final int STATE_VERSION = 1;

    private static final int DESC_F_NEXT = 1, DESC_F_WRITE = 2, DESC_F_INDIRECT = 4;
    private static final int AVAIL_F_NO_INTERRUPT = 1;
    private static final int DESCRIPTOR_SIZE = 16;

    private final int index;
    private final int sizeMax;
    private final GuestMemory memory;

    private int size;
    private boolean ready;
    private long descriptorTable;
    private long driverArea;
    private long deviceArea;
    private int lastAvailIndex;
    private int usedIndex;
    private boolean usedSinceInterrupt;

    Virtqueue(int index, int sizeMax, GuestMemory memory) {
        this.index = index;
        this.sizeMax = sizeMax;
        this.memory = memory;
        reset();
    }

    /** The queue's number within its device (0 for virtio-blk's only request queue). */
    public int index() {
        return index;
    }

    /**
     * Takes the next chain the driver made available into {@code chain}; false when there is none.
     *
     * @throws VirtqueueException when the rings or descriptors break the contract
     */
    public boolean next(DescriptorChain chain) throws VirtqueueException {
        if (!ready) {
            return false;
        }
        try {
            int availIndex = memory.read16(driverArea + 2);
            int waiting = (availIndex - lastAvailIndex) & 0xffff;
            if (waiting == 0) {
                return false;
            }
            if (waiting > size) {
                throw new VirtqueueException("queue " + index + ": driver moved the available index from " + lastAvailIndex
                        + " to " + availIndex + ", more than the " + size + " entries of the queue");
            }
            int head = memory.read16(driverArea + 4 + 2L * (lastAvailIndex % size));
            lastAvailIndex = (lastAvailIndex + 1) & 0xffff;
            readChain(head, chain);
            return true;
        } catch (AccessFault fault) {
            throw new VirtqueueException("queue " + index + ": ring not in memory: " + fault.getMessage());
        }
    }

    private void readChain(int head, DescriptorChain chain) throws VirtqueueException, AccessFault {
        chain.start(head);
        int descriptor = head;
        for (int seen = 0; ; seen++) {
            if (descriptor >= size) {
                throw new VirtqueueException("queue " + index + ": descriptor index " + descriptor
                        + " is outside the " + size + "-entry table");
            }
            if (seen == size) {
                throw new VirtqueueException("queue " + index + ": descriptor chain from " + head + " loops");
            }
            long entry = descriptorTable + (long) DESCRIPTOR_SIZE * descriptor;
            long address = memory.read64(entry);
            long length = memory.read32(entry + 8);
            int flags = memory.read16(entry + 12);
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new VirtqueueException("queue " + index + ": indirect descriptor " + descriptor
                        + " although VIRTIO_F_INDIRECT_DESC was not offered");
            }
            chain.add(address, length, (flags & DESC_F_WRITE) != 0);
            if ((flags & DESC_F_NEXT) == 0) {
                return;
            }
            descriptor = memory.read16(entry + 14);
        }
    }

    /** Returns a chain to the driver in the used ring, saying how many bytes the device wrote into it. */
    public void complete(DescriptorChain chain, long writtenLength) throws VirtqueueException {
        try {
            long element = deviceArea + 4 + 8L * (usedIndex % size);
            memory.write32(element, chain.head());
            memory.write32(element + 4, writtenLength);
            usedIndex = (usedIndex + 1) & 0xffff;
            memory.write16(deviceArea + 2, usedIndex);
            usedSinceInterrupt = true;
        } catch (AccessFault fault) {
            throw new VirtqueueException("queue " + index + ": used ring not in memory: " + fault.getMessage());
        }
    }

    /** True once after chains were completed, unless the driver suppresses interrupts. */
    boolean takeInterrupt() throws AccessFault {
        if (!usedSinceInterrupt) {
            return false;
        }
        usedSinceInterrupt = false;
        return (memory.read16(driverArea) & AVAIL_F_NO_INTERRUPT) == 0;
    }

    // ---- Transport registers.

    int sizeMax() {
        return sizeMax;
    }

    void setSize(int value) {
        if (value > 0 && value <= sizeMax) {
            size = value;
        }
    }

    boolean ready() {
        return ready;
    }

    void setReady(boolean value) {
        ready = value && size > 0;
    }

    void setDescriptorTable(long value) {
        descriptorTable = value;
    }

    void setDriverArea(long value) {
        driverArea = value;
    }

    void setDeviceArea(long value) {
        deviceArea = value;
    }

    long descriptorTable() {
        return descriptorTable;
    }

    long driverArea() {
        return driverArea;
    }

    long deviceArea() {
        return deviceArea;
    }

    void reset() {
        size = sizeMax;
        ready = false;
        descriptorTable = 0;
        driverArea = 0;
        deviceArea = 0;
        lastAvailIndex = 0;
        usedIndex = 0;
        usedSinceInterrupt = false;
    }

    // ---- State.

    StateRecord saveState() {
        return StateRecord.builder(STATE_TYPE, STATE_VERSION)
                .put("size", size).put("ready", ready)
                .put("descriptorTable", descriptorTable).put("driverArea", driverArea).put("deviceArea", deviceArea)
                .put("lastAvailIndex", lastAvailIndex).put("usedIndex", usedIndex)
                .build();
    }

    /** Checks a saved queue against this queue's limits without changing anything. */
    void check(StateRecord state) throws StateException {
        state.require(STATE_TYPE, STATE_VERSION);
        int savedSize = state.getInt("size");
        if (savedSize < 1 || savedSize > sizeMax) {
            throw new StateException("state of queue " + index + ": size " + savedSize + " is outside 1.." + sizeMax);
        }
        state.getBoolean("ready");
        state.getLong("descriptorTable");
        state.getLong("driverArea");
        state.getLong("deviceArea");
        state.getInt("lastAvailIndex");
        state.getInt("usedIndex");
    }

    /** Restores a queue that {@link #check} accepted. */
    void restore(StateRecord state) throws StateException {
        size = state.getInt("size");
        ready = state.getBoolean("ready");
        descriptorTable = state.getLong("descriptorTable");
        driverArea = state.getLong("driverArea");
        deviceArea = state.getLong("deviceArea");
        lastAvailIndex = state.getInt("lastAvailIndex") & 0xffff;
        usedIndex = state.getInt("usedIndex") & 0xffff;
        usedSinceInterrupt = false;
    }
}
