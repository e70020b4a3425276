package org.osmium.api.device;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Guest RAM held in host byte arrays ("blocks") of {@link #BLOCK_SIZE} bytes, each made, zeroed, when first used: a
 * large RAM costs host memory and start-up time only where the guest touches it, and may exceed the 2 GiB of one
 * Java array. {@link #of(byte[])} instead wraps one existing array as a single block. Thread-safe.
 */
public final class RamBlocks {
    /** Bytes per block of a RAM made by {@link #RamBlocks(long)}: 2 MiB, a multiple of every page size guests use. */
    public static final int BLOCK_SIZE = 1 << 21;
    private static final int LAZY_SHIFT = 21;
    /** The shift of a wrapped array: no offset inside it reaches bit 62, so every offset is in block 0. */
    private static final int SINGLE_SHIFT = 62;

    private final long size;
    private final int blockShift;
    private final AtomicReferenceArray<byte[]> blocks;

    /** RAM of {@code size} bytes, all zero, whose blocks are made on first use; the last block may be shorter. */
    public RamBlocks(long size) {
        if (size <= 0 || size > ((long) Integer.MAX_VALUE << LAZY_SHIFT)) {
            throw new IllegalArgumentException("RAM size " + size + " is not between 1 byte and 2^52 bytes");
        }
        this.size = size;
        this.blockShift = LAZY_SHIFT;
        this.blocks = new AtomicReferenceArray<>((int) ((size + BLOCK_SIZE - 1) >>> LAZY_SHIFT));
    }

    private RamBlocks(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("RAM of 0 bytes");
        }
        this.size = bytes.length;
        this.blockShift = SINGLE_SHIFT;
        this.blocks = new AtomicReferenceArray<>(new byte[][] {bytes});
    }

    /** {@code bytes} as RAM of one block: reads and writes reach that very array. */
    public static RamBlocks of(byte[] bytes) {
        return new RamBlocks(bytes);
    }

    public long size() {
        return size;
    }

    public int blockCount() {
        return blocks.length();
    }

    /** The index of the block holding byte {@code offset} (0 <= offset < size). */
    public int blockIndex(long offset) {
        return (int) (offset >>> blockShift);
    }

    /** The offset of block {@code index}'s first byte. */
    public long blockOffset(int index) {
        return (long) index << blockShift;
    }

    /**
     * Block {@code index}, made (zeroed) if this is its first use.
     *
     * @throws IllegalStateException when the Java heap has no room left for the block (the machine running the guest
     *     then pauses with this message instead of its thread dying)
     */
    public byte[] block(int index) {
        byte[] bytes = blocks.get(index);
        if (bytes != null) {
            return bytes;
        }
        synchronized (this) {
            bytes = blocks.get(index);
            if (bytes == null) {
                try {
                    bytes = new byte[(int) Math.min(BLOCK_SIZE, size - blockOffset(index))];
                } catch (OutOfMemoryError e) {
                    throw new IllegalStateException("guest RAM at offset 0x" + Long.toHexString(blockOffset(index))
                            + " cannot be given host memory: the Java heap is full; give Java a larger -Xmx", e);
                }
                blocks.set(index, bytes);
            }
            return bytes;
        }
    }

    /** Block {@code index} if it was ever used, otherwise null (its bytes are all zero). */
    public byte[] blockIfMade(int index) {
        return blocks.get(index);
    }

    /** Copies {@code length} bytes of {@code source} to {@code offset}, making the blocks they land in. */
    public void write(long offset, byte[] source, int sourceOffset, int length) {
        checkRange(offset, length);
        int done = 0;
        while (done < length) {
            long at = offset + done;
            int index = blockIndex(at);
            int inBlock = (int) (at - blockOffset(index));
            byte[] bytes = block(index);
            int chunk = Math.min(length - done, bytes.length - inBlock);
            System.arraycopy(source, sourceOffset + done, bytes, inBlock, chunk);
            done += chunk;
        }
    }

    private void checkRange(long offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes " + offset + "+" + length + " are outside RAM of " + size + " bytes");
        }
    }
}
