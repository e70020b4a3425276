package org.osmium.block.qcow2;

/** qemu-img measure's arithmetic for qcow2: the metadata a fully allocated image of a given size needs. */
public final class Qcow2Measure {
    private Qcow2Measure() {
    }

    /** Bytes of a fully allocated image: data rounded up to clusters plus header, L1, L2 and refcount metadata. */
    public static long fullyAllocated(long size, int clusterSize, int refcountBits, boolean extendedL2) {
        long aligned = (size + clusterSize - 1) / clusterSize * clusterSize;
        int l2EntrySize = extendedL2 ? 16 : 8;
        long meta = clusterSize;
        long l2Entries = roundUp(aligned / clusterSize, clusterSize / l2EntrySize);
        meta += l2Entries * l2EntrySize;
        long l1Entries = roundUp(l2Entries * l2EntrySize / clusterSize, clusterSize / 8);
        meta += l1Entries * 8;
        meta += refcountMetadata((meta + aligned) / clusterSize, clusterSize, refcountBits);
        return meta + aligned;
    }

    private static long refcountMetadata(long clusters, int clusterSize, int refcountBits) {
        long perTableCluster = clusterSize / 8;
        long perBlock = clusterSize * 8L / refcountBits;
        long table = 0;
        long blocks = 0;
        long n = 0;
        long last;
        do {
            last = n;
            blocks = ceilDiv(clusters + table + blocks, perBlock);
            table = ceilDiv(blocks, perTableCluster);
            n = clusters + blocks + table;
        } while (n != last);
        return (blocks + table) * clusterSize;
    }

    private static long roundUp(long value, long unit) {
        return ceilDiv(value, unit) * unit;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
