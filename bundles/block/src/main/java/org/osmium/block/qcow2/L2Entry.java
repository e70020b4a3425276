package org.osmium.block.qcow2;

/** The bit layout of an L2 entry: its flags, its host offset, and the sectors a compressed cluster occupies. */
final class L2Entry {
    static final long OFFSET_MASK = 0x00fffffffffffe00L;
    static final long COPIED = 1L << 63;
    static final long COMPRESSED = 1L << 62;
    static final long ZERO_FLAG = 1L;

    private L2Entry() {
    }

    /** The host byte offset where the compressed cluster of {@code entry} starts. */
    static long compressedOffset(long entry, int clusterBits) {
        return entry & ((1L << compressedShift(clusterBits)) - 1);
    }

    /** The number of 512-byte sectors the compressed cluster of {@code entry} spans, counted from its first. */
    static long compressedSectors(long entry, int clusterBits) {
        return ((entry & ~COPIED & ~COMPRESSED) >>> compressedShift(clusterBits)) + 1;
    }

    /** The entry of a compressed cluster of {@code size} bytes stored at host offset {@code host}. */
    static long compressed(long host, int size, int clusterBits) {
        long sectors = ((host + size - 1) >>> 9) - (host >>> 9);
        return COMPRESSED | (sectors << compressedShift(clusterBits)) | host;
    }

    private static int compressedShift(int clusterBits) {
        return 62 - (clusterBits - 8);
    }
}
