package org.osmium.virtio;

import org.osmium.api.device.MmioHandler;

/**
 * What a virtio driver does, through a transport's registers and a {@link TestRam}: negotiate features, set up
 * queue 0 and submit descriptor chains. Tables sit at fixed RAM addresses; buffers are for the test to choose.
 */
public final class TestDriver {
    public static final long DESCRIPTORS = TestRam.BASE + 0x1000, AVAIL = TestRam.BASE + 0x2000, USED = TestRam.BASE + 0x3000;

    /** One buffer of a chain. */
    public record Buffer(long address, int length, boolean writable) {
        public static Buffer in(long address, int length) {
            return new Buffer(address, length, false);
        }

        public static Buffer out(long address, int length) {
            return new Buffer(address, length, true);
        }
    }

    private final MmioHandler registers;
    private final TestRam ram;
    private int size;

    public TestDriver(MmioHandler registers, TestRam ram) {
        this.registers = registers;
        this.ram = ram;
    }

    public int read(int offset) {
        return (int) registers.read(offset, 4);
    }

    public void write(int offset, long value) {
        registers.write(offset, 4, value & 0xffff_ffffL);
    }

    /** Resets, acknowledges, writes the driver features and FEATURES_OK; returns the status read back. */
    public int negotiate(long features) {
        write(0x70, 0);
        write(0x70, VirtioMmio.STATUS_ACKNOWLEDGE);
        write(0x70, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        write(0x24, 0);
        write(0x20, features);
        write(0x24, 1);
        write(0x20, features >>> 32);
        write(0x70, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK);
        return read(0x70);
    }

    /** Sets up queue 0 with {@code queueSize} entries and sets DRIVER_OK. */
    public void setUpQueue(int queueSize) {
        size = queueSize;
        write(0x30, 0);
        write(0x38, queueSize);
        write(0x80, DESCRIPTORS);
        write(0x84, DESCRIPTORS >>> 32);
        write(0x90, AVAIL);
        write(0x94, AVAIL >>> 32);
        write(0xa0, USED);
        write(0xa4, USED >>> 32);
        write(0x44, 1);
        write(0x70, read(0x70) | VirtioMmio.STATUS_DRIVER_OK);
    }

    /** Tells the driver the size of a queue set up earlier (by another driver instance, before a state restore). */
    public void useQueueSize(int queueSize) {
        size = queueSize;
    }

    /** Writes the chain from descriptor {@code first}, makes it available, notifies queue 0; returns the used length or -1. */
    public long submit(int first, Buffer... chain) {
        int usedBefore = ram.view.getShort(ram.index(USED + 2)) & 0xffff;
        for (int i = 0; i < chain.length; i++) {
            int entry = ram.index(DESCRIPTORS + 16L * ((first + i) % size));
            ram.view.putLong(entry, chain[i].address());
            ram.view.putInt(entry + 8, chain[i].length());
            ram.view.putShort(entry + 12, (short) ((i + 1 < chain.length ? 1 : 0) | (chain[i].writable() ? 2 : 0)));
            ram.view.putShort(entry + 14, (short) ((first + i + 1) % size));
        }
        int availIndex = ram.view.getShort(ram.index(AVAIL + 2)) & 0xffff;
        ram.view.putShort(ram.index(AVAIL + 4 + 2L * (availIndex % size)), (short) first);
        ram.view.putShort(ram.index(AVAIL + 2), (short) (availIndex + 1));
        write(0x50, 0);
        int usedAfter = ram.view.getShort(ram.index(USED + 2)) & 0xffff;
        if (usedAfter == usedBefore) {
            return -1;
        }
        long element = USED + 4 + 8L * (usedBefore % size);
        if (ram.view.getInt(ram.index(element)) != first) {
            throw new AssertionError("used ring names descriptor " + ram.view.getInt(ram.index(element)) + ", not " + first);
        }
        return ram.view.getInt(ram.index(element + 4)) & 0xffff_ffffL;
    }

    /** Sets or clears VIRTQ_AVAIL_F_NO_INTERRUPT. */
    public void suppressInterrupts(boolean suppress) {
        ram.view.putShort(ram.index(AVAIL), (short) (suppress ? 1 : 0));
    }
}
