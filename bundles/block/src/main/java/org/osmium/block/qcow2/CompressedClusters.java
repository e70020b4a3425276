package org.osmium.block.qcow2;

import java.util.Arrays;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** Compressed clusters: reads one (keeping the last one decompressed) and writes one packed after the last. */
final class CompressedClusters {
    private final ImageFile file;
    private final Qcow2Header header;
    private final String name;
    private final ClusterMap map;
    private final Refcounts refcounts;
    private final HeaderFlags flags;
    private final ClusterCodec codec;
    private final int clusterBits;
    private final int clusterSize;
    private final byte[] compressedIn;
    private final byte[] decompressed;
    private long decompressedEntry = -1;
    private long compressedEnd;
    private byte[] compressInput;
    private byte[] compressOutput;

    CompressedClusters(ImageFile file, Qcow2Header header, ClusterMap map, Refcounts refcounts, HeaderFlags flags) {
        this.file = file;
        this.header = header;
        this.name = file.path().toString();
        this.map = map;
        this.refcounts = refcounts;
        this.flags = flags;
        this.codec = new ClusterCodec(name, header.compressionType);
        this.clusterBits = map.clusterBits;
        this.clusterSize = map.clusterSize;
        this.compressedIn = new byte[clusterSize + 1024];
        this.decompressed = new byte[clusterSize];
    }

    /** The whole decompressed cluster of L2 entry {@code entry}, which maps guest offset {@code guestOffset}. */
    byte[] read(long entry, long guestOffset) throws BlockException {
        if (entry == decompressedEntry) {
            return decompressed;
        }
        long host = L2Entry.compressedOffset(entry, clusterBits);
        long sectors = L2Entry.compressedSectors(entry, clusterBits);
        int length = (int) Math.min(compressedIn.length, sectors * 512 - (host & 511));
        file.read(host, compressedIn, 0, length);
        decompressedEntry = -1;
        codec.decompress(compressedIn, length, decompressed, guestOffset);
        decompressedEntry = entry;
        return decompressed;
    }

    /** Forgets the cluster kept decompressed, after the mapping changed under it. */
    void forget() {
        decompressedEntry = -1;
    }

    /**
     * Stores the cluster at guest offset {@code offset} (unallocated or zero now) compressed; returns false, with
     * nothing written, when it does not compress (or the image has extended L2 entries).
     */
    boolean write(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        if (compressInput == null) {
            compressInput = new byte[clusterSize];
            compressOutput = new byte[clusterSize];
        }
        System.arraycopy(buffer, bufferOffset, compressInput, 0, length);
        Arrays.fill(compressInput, length, clusterSize, (byte) 0);
        if (header.cryptMethod != 0) {
            throw new BlockException(name + ": compression is not supported on encrypted images");
        }
        int size = map.extended ? -1 : codec.compress(compressInput, compressOutput, clusterSize - 1);
        if (size < 0) {
            return false;
        }
        flags.markDirtyIfLazy();
        long cluster = offset >>> clusterBits;
        long l2Offset = map.writableL2((int) (cluster >>> map.l2Bits));
        long host = pack(size);
        file.write(host, compressOutput, 0, size);
        compressedEnd = host + size;
        long[] table = map.tables().get(l2Offset);
        int index = (int) (cluster & (map.l2Entries - 1));
        long old = table[index];
        table[index] = L2Entry.compressed(host, size, clusterBits);
        map.tables().writeThrough(l2Offset, table, index, index + 1);
        refcounts.adjustEntry(old, -1);
        return true;
    }

    /**
     * Finds room for {@code size} compressed bytes right after the previous compressed cluster, spilling into the
     * next host cluster when that one is free, else at the start of a newly allocated cluster; takes a reference on
     * each host cluster the bytes touch.
     */
    private long pack(int size) throws BlockException {
        long used = compressedEnd & (clusterSize - 1);
        if (compressedEnd != 0 && used != 0) {
            long current = compressedEnd >>> clusterBits;
            if (used + size <= clusterSize) {
                refcounts.adjust(current, 1);
                return compressedEnd;
            }
            if (refcounts.claim(current + 1)) {
                refcounts.adjust(current, 1);
                return compressedEnd;
            }
        }
        return refcounts.allocate(1);
    }
}
