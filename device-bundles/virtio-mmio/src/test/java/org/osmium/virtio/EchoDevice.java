package org.osmium.virtio;

import org.osmium.api.device.AccessFault;

/**
 * A small virtio device for testing the transport: id 42, offers feature bit 3, one queue of up to 16 entries, an
 * 8-byte configuration space, and requests whose readable bytes it copies into their writable part.
 */
final class EchoDevice implements VirtioDevice {
    static final long FEATURE = 1L << 3;
    static final long CONFIG = 0x1122_3344_5566_7788L;

    private final TestRam ram;
    private final DescriptorChain chain = new DescriptorChain(16);
    private final byte[] copy = new byte[256];
    private int filled;
    private long writeAt;
    int resets;

    EchoDevice(TestRam ram) {
        this.ram = ram;
    }

    @Override
    public int deviceId() {
        return 42;
    }

    @Override
    public long features() {
        return FEATURE;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public int queueSizeMax() {
        return 16;
    }

    @Override
    public int configSize() {
        return 8;
    }

    @Override
    public long readConfig(int offset, int size) {
        long shifted = CONFIG >>> (8 * offset);
        return size == 8 ? shifted : shifted & ((1L << (8 * size)) - 1);
    }

    @Override
    public void process(Virtqueue queue) throws VirtqueueException, AccessFault {
        while (queue.next(chain)) {
            filled = 0;
            chain.spans(false, 0, chain.readableLength(), (address, length) -> {
                System.arraycopy(ram.region.bytes(), ram.index(address), copy, filled, length);
                filled += length;
            });
            writeAt = 0;
            long written = chain.spans(true, 0, filled, (address, length) -> {
                System.arraycopy(copy, (int) writeAt, ram.region.bytes(), ram.index(address), length);
                writeAt += length;
            });
            queue.complete(chain, written);
        }
    }

    @Override
    public void resetDevice() {
        resets++;
    }
}
