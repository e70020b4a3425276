package org.osmium.device.virtioblk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.RamRegion;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.virtio.DescriptorChain;
import org.osmium.virtio.GuestMemory;
import org.osmium.virtio.SpanConsumer;
import org.osmium.virtio.VirtioDevice;
import org.osmium.virtio.Virtqueue;
import org.osmium.virtio.VirtqueueException;

/**
 * The block device behind the transport (virtio 1.x section 5.2): its features and configuration space, and the
 * requests of its one queue: IN, OUT, FLUSH, GET_ID, DISCARD and WRITE_ZEROES, each answered with a status byte
 * (OK, IOERR for failures and out-of-range sectors, UNSUPP for unknown types and flags). Data moves between the
 * image and guest RAM arrays directly (a bounce buffer only for memory that is not RAM); nothing is allocated per
 * request. The image I/O runs on the execution thread.
 */
final class BlockRequests implements VirtioDevice {
    static final int DEVICE_ID = 2;
    /** The largest queue the driver may set up: QEMU's VIRTQUEUE_MAX_SIZE. */
    static final int QUEUE_SIZE_MAX = 1024;
    /** Segments per request, as QEMU derives it from its default queue-size of 256 (two for header and status). */
    static final int SEG_MAX = 254;
    static final int SECTOR_SIZE = 512;
    static final int ID_BYTES = 20;

    static final long F_SEG_MAX = 1L << 2, F_RO = 1L << 5, F_BLK_SIZE = 1L << 6, F_FLUSH = 1L << 9;
    static final long F_DISCARD = 1L << 13, F_WRITE_ZEROES = 1L << 14;

    static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8, T_DISCARD = 11, T_WRITE_ZEROES = 13;
    static final int S_OK = 0, S_IOERR = 1, S_UNSUPP = 2;
    static final int WRITE_ZEROES_FLAG_UNMAP = 1;

    /** QEMU's limit for one discard or write-zeroes segment (BDRV_REQUEST_MAX_SECTORS). */
    static final long MAX_RANGE_SECTORS = 4194303;
    static final int HEADER_SIZE = 16, RANGE_SIZE = 16;

    static final int CONFIG_SIZE = 0x3c;
    static final int CONFIG_CAPACITY = 0x00, CONFIG_SEG_MAX = 0x0c, CONFIG_BLK_SIZE = 0x14, CONFIG_NUM_QUEUES = 0x22;
    static final int CONFIG_MAX_DISCARD_SECTORS = 0x24, CONFIG_MAX_DISCARD_SEG = 0x28, CONFIG_DISCARD_ALIGNMENT = 0x2c;
    static final int CONFIG_MAX_WRITE_ZEROES_SECTORS = 0x30, CONFIG_MAX_WRITE_ZEROES_SEG = 0x34;
    static final int CONFIG_WRITE_ZEROES_MAY_UNMAP = 0x38;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BOUNCE_SIZE = 64 * 1024;

    private final String id;
    private final BlockImage image;
    private final boolean readOnly;
    private final GuestMemory memory;
    private final long capacitySectors;
    private final byte[] config = new byte[CONFIG_SIZE];
    private final byte[] serial = new byte[ID_BYTES];

    private final DescriptorChain chain = new DescriptorChain(QUEUE_SIZE_MAX);
    private final byte[] header = new byte[HEADER_SIZE];
    private final byte[] range = new byte[RANGE_SIZE];
    private final byte[] bounce = new byte[BOUNCE_SIZE];
    private final SpanConsumer<BlockException> readIntoGuest = this::readIntoGuest;
    private final SpanConsumer<BlockException> writeFromGuest = this::writeFromGuest;
    private final SpanConsumer<RuntimeException> copyIntoBuffer = this::copyIntoBuffer;
    private final SpanConsumer<RuntimeException> copySerial = this::copySerial;
    private final SpanConsumer<RuntimeException> writeStatus = this::writeStatus;

    /** Where the current transfer is: the image offset, or the offset in {@link #copyTarget}. */
    private long position;
    private byte[] copyTarget;
    private int status;

    BlockRequests(String id, BlockImage image, boolean readOnly, String serialNumber, GuestMemory memory) {
        this.id = id;
        this.image = image;
        this.readOnly = readOnly;
        this.memory = memory;
        this.capacitySectors = image.size() / SECTOR_SIZE;
        byte[] serialText = serialNumber.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(serialText, 0, serial, 0, Math.min(serialText.length, ID_BYTES));
        long discardAlignment = Math.max(SECTOR_SIZE, image.clusterSize()) / SECTOR_SIZE;
        LONG.set(config, CONFIG_CAPACITY, capacitySectors);
        INT.set(config, CONFIG_SEG_MAX, SEG_MAX);
        INT.set(config, CONFIG_BLK_SIZE, SECTOR_SIZE);
        config[CONFIG_NUM_QUEUES] = 1;
        INT.set(config, CONFIG_MAX_DISCARD_SECTORS, (int) MAX_RANGE_SECTORS);
        INT.set(config, CONFIG_MAX_DISCARD_SEG, 1);
        INT.set(config, CONFIG_DISCARD_ALIGNMENT, (int) discardAlignment);
        INT.set(config, CONFIG_MAX_WRITE_ZEROES_SECTORS, (int) MAX_RANGE_SECTORS);
        INT.set(config, CONFIG_MAX_WRITE_ZEROES_SEG, 1);
        config[CONFIG_WRITE_ZEROES_MAY_UNMAP] = 1;
    }

    // ---- What the transport asks.

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public long features() {
        return F_SEG_MAX | F_BLK_SIZE | F_FLUSH | (readOnly ? F_RO : F_DISCARD | F_WRITE_ZEROES);
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public int queueSizeMax() {
        return QUEUE_SIZE_MAX;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (config[offset + i] & 0xff);
        }
        return value;
    }

    @Override
    public void resetDevice() {
        // All the device's state is in the transport; the image is not touched by a reset.
    }

    @Override
    public void process(Virtqueue queue) throws VirtqueueException, AccessFault {
        while (queue.next(chain)) {
            serve();
            queue.complete(chain, chain.writableLength());
        }
    }

    // ---- One request.

    /**
     * Serves the request in {@link #chain} and writes its status byte. As QEMU, the used length is then the whole
     * writable part, whatever the request did.
     */
    private void serve() throws VirtqueueException, AccessFault {
        if (chain.readableLength() < HEADER_SIZE || chain.writableLength() < 1) {
            throw new VirtqueueException("queue 0: request " + chain.head() + " lacks its 16-byte header or its status byte");
        }
        copyIn(0, header);
        int type = (int) INT.get(header, 0);
        long sector = (long) LONG.get(header, 8);
        long dataIn = chain.writableLength() - 1;
        long dataOut = chain.readableLength() - HEADER_SIZE;
        try {
            switch (type) {
                case T_IN -> {
                    status = inRange(sector, dataIn) ? S_OK : S_IOERR;
                    if (status == S_OK) {
                        position = sector * SECTOR_SIZE;
                        chain.spans(true, 0, dataIn, readIntoGuest);
                    }
                }
                case T_OUT -> {
                    status = !readOnly && inRange(sector, dataOut) ? S_OK : S_IOERR;
                    if (status == S_OK) {
                        position = sector * SECTOR_SIZE;
                        chain.spans(false, HEADER_SIZE, dataOut, writeFromGuest);
                    }
                }
                case T_FLUSH -> {
                    image.flush();
                    status = S_OK;
                }
                case T_GET_ID -> {
                    position = 0;
                    chain.spans(true, 0, Math.min(dataIn, ID_BYTES), copySerial);
                    status = S_OK;
                }
                case T_DISCARD, T_WRITE_ZEROES -> status = clearRanges(type == T_WRITE_ZEROES, dataOut);
                default -> status = S_UNSUPP;
            }
        } catch (BlockException e) {
            System.err.println("Osmium: " + id + ": virtio-blk request type " + type + " at sector " + sector + " failed: "
                    + e.getMessage());
            status = S_IOERR;
        }
        chain.spans(true, chain.writableLength() - 1, 1, writeStatus);
    }

    /** DISCARD or WRITE_ZEROES: every 16-byte range (sector, sector count, flags) after the header. */
    private int clearRanges(boolean zeroes, long dataOut) throws BlockException, AccessFault {
        if (readOnly || dataOut < RANGE_SIZE) {
            return S_IOERR;
        }
        for (long skip = HEADER_SIZE; skip + RANGE_SIZE <= HEADER_SIZE + dataOut; skip += RANGE_SIZE) {
            copyIn(skip, range);
            long sector = (long) LONG.get(range, 0);
            long sectors = (int) INT.get(range, 8) & 0xffff_ffffL;
            int flags = (int) INT.get(range, 12);
            if (zeroes ? (flags & ~WRITE_ZEROES_FLAG_UNMAP) != 0 : flags != 0) {
                return S_UNSUPP;
            }
            if (sectors > MAX_RANGE_SECTORS || !inRange(sector, sectors * SECTOR_SIZE)) {
                return S_IOERR;
            }
            if (zeroes) {
                image.writeZeroes(sector * SECTOR_SIZE, sectors * SECTOR_SIZE);
            } else {
                image.discard(sector * SECTOR_SIZE, sectors * SECTOR_SIZE);
            }
        }
        return S_OK;
    }

    /** True when {@code length} bytes from {@code sector} are whole sectors inside the disk. */
    private boolean inRange(long sector, long length) {
        return length % SECTOR_SIZE == 0 && sector >= 0 && sector <= capacitySectors
                && length / SECTOR_SIZE <= capacitySectors - sector;
    }

    private void copyIn(long skip, byte[] target) throws AccessFault {
        copyTarget = target;
        position = 0;
        chain.spans(false, skip, target.length, copyIntoBuffer);
    }

    // ---- Span actions (bound once, so a request allocates nothing).

    private void readIntoGuest(long address, int length) throws BlockException, AccessFault {
        RamRegion ram = memory.ram(address, length);
        if (ram != null) {
            image.read(position, ram.bytes(), (int) (address - ram.base()), length);
            memory.written(address, length);
        } else {
            for (int done = 0; done < length; done += BOUNCE_SIZE) {
                int chunk = Math.min(BOUNCE_SIZE, length - done);
                image.read(position + done, bounce, 0, chunk);
                memory.copyTo(bounce, 0, chunk, address + done);
            }
        }
        position += length;
    }

    private void writeFromGuest(long address, int length) throws BlockException, AccessFault {
        RamRegion ram = memory.ram(address, length);
        if (ram != null) {
            image.write(position, ram.bytes(), (int) (address - ram.base()), length);
        } else {
            for (int done = 0; done < length; done += BOUNCE_SIZE) {
                int chunk = Math.min(BOUNCE_SIZE, length - done);
                memory.copyFrom(address + done, bounce, 0, chunk);
                image.write(position + done, bounce, 0, chunk);
            }
        }
        position += length;
    }

    private void copyIntoBuffer(long address, int length) throws AccessFault {
        memory.copyFrom(address, copyTarget, (int) position, length);
        position += length;
    }

    private void copySerial(long address, int length) throws AccessFault {
        memory.copyTo(serial, (int) position, length, address);
        position += length;
    }

    private void writeStatus(long address, int length) throws AccessFault {
        memory.write8(address, status);
    }
}
