package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/**
 * The refcount table and its blocks, with a cache of blocks. Every change is written through at once, in an order
 * that leaves at worst leaked clusters if the process dies: a new block is written before the table points to it,
 * a grown table before the header points to it.
 */
final class Refcounts {
    private final ImageFile file;
    private final Qcow2Header header;
    private final int clusterBits;
    private final int clusterSize;
    private final int order;
    private final long maxRefcount;
    private final int entriesPerBlock;
    private final Map<Long, byte[]> blocks;
    private final List<long[]> reserved = new ArrayList<>();
    private long[] table;
    private boolean tableInMemoryOnly;
    private long freeHint;

    Refcounts(ImageFile file, Qcow2Header header, int cacheBlocks) throws BlockException {
        this.file = file;
        this.header = header;
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
        this.order = header.refcountOrder;
        this.maxRefcount = order == 6 ? Long.MAX_VALUE : (1L << (1 << order)) - 1;
        this.entriesPerBlock = (clusterSize * 8) >> order;
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > cacheBlocks;
            }
        };
        int entries = header.refcountTableClusters * (clusterSize / 8);
        ByteBuffer raw = ByteBuffer.allocate(entries * 8);
        file.read(header.refcountTableOffset, raw);
        this.table = new long[entries];
        raw.flip();
        raw.asLongBuffer().get(table);
    }

    long[] table() {
        return table;
    }

    /** The refcount of host cluster {@code cluster}; clusters no block covers have refcount 0. */
    long get(long cluster) throws BlockException {
        long index = cluster / entriesPerBlock;
        if (index >= table.length || table[(int) index] == 0) {
            return 0;
        }
        return entry(block((int) index), (int) (cluster % entriesPerBlock));
    }

    /** Adds {@code delta} to the refcount of {@code cluster}, creating its refcount block if needed. */
    void adjust(long cluster, long delta) throws BlockException {
        int index = (int) (cluster / entriesPerBlock);
        ensureBlock(index);
        byte[] block = block(index);
        int slot = (int) (cluster % entriesPerBlock);
        long value = entry(block, slot) + delta;
        if (value < 0 || value > maxRefcount || (delta > 0 && value < delta)) {
            throw new BlockException(file.path() + ": refcount of cluster " + cluster + " would become "
                    + (value < 0 ? "negative" : "larger than " + maxRefcount));
        }
        set(index, block, slot, value);
        if (value == 0 && cluster < freeHint) {
            freeHint = cluster;
        }
    }

    /** Sets the refcount of {@code cluster} to {@code value}. */
    void put(long cluster, long value) throws BlockException {
        int index = (int) (cluster / entriesPerBlock);
        ensureBlock(index);
        set(index, block(index), (int) (cluster % entriesPerBlock), value);
        if (value == 0 && cluster < freeHint) {
            freeHint = cluster;
        }
    }

    /** Allocates {@code count} contiguous free clusters, each with refcount 1; returns the host offset. */
    long allocate(int count) throws BlockException {
        long start = findFree(count);
        long[] range = {start, start + count};
        reserved.add(range);
        try {
            for (long index = start / entriesPerBlock; index <= (start + count - 1) / entriesPerBlock; index++) {
                ensureBlock((int) index);
            }
            for (long c = start; c < start + count; c++) {
                adjust(c, 1);
            }
        } finally {
            reserved.remove(range);
        }
        if (freeHint == start) {
            freeHint = start + count;
        }
        return start << clusterBits;
    }

    /** Takes free cluster {@code cluster} with refcount 1; false (and nothing changed) if it is in use. */
    boolean claim(long cluster) throws BlockException {
        if (get(cluster) != 0 || isReserved(cluster)) {
            return false;
        }
        takeReserved(cluster);
        return true;
    }

    /** Adds the first reference to free cluster {@code cluster}, which no allocation may take meanwhile. */
    private void takeReserved(long cluster) throws BlockException {
        long[] range = {cluster, cluster + 1};
        reserved.add(range);
        try {
            adjust(cluster, 1);
        } finally {
            reserved.remove(range);
        }
    }

    /**
     * Adds {@code addend} to the refcount of each host cluster L2 entry {@code entry} references: its data cluster,
     * or every cluster its compressed sectors touch.
     */
    void adjustEntry(long entry, int addend) throws BlockException {
        if ((entry & L2Entry.COMPRESSED) != 0) {
            long host = L2Entry.compressedOffset(entry, clusterBits) & ~511L;
            long sectors = L2Entry.compressedSectors(entry, clusterBits);
            long last = (host + sectors * 512 - 1) >>> clusterBits;
            for (long c = host >>> clusterBits; c <= last; c++) {
                adjust(c, addend);
            }
            return;
        }
        long host = entry & L2Entry.OFFSET_MASK;
        if (host != 0) {
            adjust(host >>> clusterBits, addend);
        }
    }

    /** Drops one reference to each of {@code count} clusters from host offset {@code offset}. */
    void release(long offset, int count) throws BlockException {
        for (long c = offset >>> clusterBits; c < (offset >>> clusterBits) + count; c++) {
            adjust(c, -1);
        }
    }

    private long findFree(int count) throws BlockException {
        long run = 0;
        long c = freeHint;
        while (run < count) {
            if (isReserved(c) || get(c) != 0) {
                run = 0;
            } else {
                run++;
            }
            c++;
        }
        return c - count;
    }

    private boolean isReserved(long cluster) {
        for (long[] range : reserved) {
            if (cluster >= range[0] && cluster < range[1]) {
                return true;
            }
        }
        return false;
    }

    private void ensureBlock(int index) throws BlockException {
        if (index < table.length && table[index] != 0) {
            return;
        }
        if (index >= table.length) {
            growTable(index);
            if (table[index] != 0) {
                return;
            }
        }
        long cluster = findFree(1);
        byte[] block = new byte[clusterSize];
        if (cluster / entriesPerBlock == index) {
            setEntry(block, (int) (cluster % entriesPerBlock), 1);
        } else {
            takeReserved(cluster);
        }
        long offset = cluster << clusterBits;
        file.write(offset, block, 0, block.length);
        blocks.put(offset, block);
        table[index] = offset;
        writeTableEntry(index);
    }

    private void growTable(int neededIndex) throws BlockException {
        int perCluster = clusterSize / 8;
        long wanted = Math.max(neededIndex + 1L, table.length * 2L) + perCluster;
        long clusters = (wanted + perCluster - 1) / perCluster;
        if (clusters * clusterSize > Qcow2Header.MAX_REFTABLE_BYTES) {
            throw new BlockException(file.path() + ": refcount table would exceed "
                    + (Qcow2Header.MAX_REFTABLE_BYTES >> 20) + " MiB; the image is too large");
        }
        long oldOffset = header.refcountTableOffset;
        int oldClusters = header.refcountTableClusters;
        table = Arrays.copyOf(table, (int) (clusters * perCluster));
        tableInMemoryOnly = true;
        long newOffset;
        try {
            newOffset = allocate((int) clusters);
        } finally {
            tableInMemoryOnly = false;
        }
        ByteBuffer raw = ByteBuffer.allocate(table.length * 8);
        raw.asLongBuffer().put(table);
        file.write(newOffset, raw);
        file.sync();
        header.refcountTableOffset = newOffset;
        header.refcountTableClusters = (int) clusters;
        file.write(Qcow2Header.OFFSET_REFTABLE,
                ByteBuffer.allocate(12).putLong(newOffset).putInt((int) clusters).flip());
        file.sync();
        release(oldOffset, oldClusters);
    }

    private void writeTableEntry(int index) throws BlockException {
        if (tableInMemoryOnly) {
            return;
        }
        file.write(header.refcountTableOffset + 8L * index, ByteBuffer.allocate(8).putLong(table[index]).flip());
    }

    private byte[] block(int index) throws BlockException {
        long offset = table[index] & ~511L;
        byte[] block = blocks.get(offset);
        if (block == null) {
            if (offset % clusterSize != 0) {
                throw new BlockException(file.path() + ": refcount block " + index + " at 0x"
                        + Long.toHexString(offset) + " is not cluster aligned");
            }
            if (offset >= file.length()) {
                throw new BlockException(file.path() + ": refcount block " + index + " at 0x"
                        + Long.toHexString(offset) + " lies past the end of the file");
            }
            block = new byte[clusterSize];
            file.read(offset, block, 0, block.length);
            blocks.put(offset, block);
        }
        return block;
    }

    private void set(int index, byte[] block, int slot, long value) throws BlockException {
        setEntry(block, slot, value);
        int bits = 1 << order;
        int byteIndex = (int) ((long) slot * bits / 8);
        int bytes = Math.max(1, bits / 8);
        file.write((table[index] & ~511L) + byteIndex, block, byteIndex, bytes);
    }

    private long entry(byte[] block, int slot) {
        return entry(block, slot, order);
    }

    private void setEntry(byte[] block, int slot, long value) {
        setEntry(block, slot, order, value);
    }

    /** Entry {@code slot} of a refcount block of width 2^order bits. */
    static long entry(byte[] block, int slot, int order) {
        switch (order) {
            case 0, 1, 2 -> {
                int bits = 1 << order;
                int perByte = 8 / bits;
                int shift = (slot % perByte) * bits;
                return ((block[slot / perByte] & 0xff) >>> shift) & ((1 << bits) - 1);
            }
            case 3 -> {
                return block[slot] & 0xff;
            }
            case 4 -> {
                return ((block[2 * slot] & 0xff) << 8) | (block[2 * slot + 1] & 0xff);
            }
            case 5 -> {
                return ByteBuffer.wrap(block).getInt(4 * slot) & 0xffffffffL;
            }
            default -> {
                return ByteBuffer.wrap(block).getLong(8 * slot);
            }
        }
    }

    /** Sets entry {@code slot} of a refcount block of width 2^order bits. */
    static void setEntry(byte[] block, int slot, int order, long value) {
        switch (order) {
            case 0, 1, 2 -> {
                int bits = 1 << order;
                int perByte = 8 / bits;
                int shift = (slot % perByte) * bits;
                int mask = ((1 << bits) - 1) << shift;
                block[slot / perByte] = (byte) ((block[slot / perByte] & ~mask) | ((int) value << shift & mask));
            }
            case 3 -> block[slot] = (byte) value;
            case 4 -> {
                block[2 * slot] = (byte) (value >>> 8);
                block[2 * slot + 1] = (byte) value;
            }
            case 5 -> ByteBuffer.wrap(block).putInt(4 * slot, (int) value);
            default -> ByteBuffer.wrap(block).putLong(8 * slot, value);
        }
    }
}
