package org.osmium.block.qcow2;

import static org.osmium.block.qcow2.L2Entry.COMPRESSED;
import static org.osmium.block.qcow2.L2Entry.COPIED;
import static org.osmium.block.qcow2.L2Entry.OFFSET_MASK;
import static org.osmium.block.qcow2.L2Entry.ZERO_FLAG;

import java.util.Arrays;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.file.ImageFile;

/** Cluster allocation and copy-on-write: writes guest data in place or into new clusters, and clears clusters. */
final class ClusterWriter {
    private final BlockImage guest;
    private final ImageFile file;
    private final Qcow2Header header;
    private final BlockImage backing;
    private final ClusterMap map;
    private final L2Tables l2;
    private final Refcounts refcounts;
    private final HostData data;
    private final int clusterBits;
    private final int clusterSize;
    private final boolean extended;
    private final int words;
    private final int l2Bits;
    private final int l2Entries;
    private final int subclusterBits;

    /** A writer for the image {@code guest}, whose reads give the current contents to copy on write. */
    ClusterWriter(BlockImage guest, ImageFile file, Qcow2Header header, ClusterMap map, Refcounts refcounts,
            HostData data) {
        this.guest = guest;
        this.file = file;
        this.header = header;
        this.backing = guest.backing();
        this.map = map;
        this.l2 = map.tables();
        this.refcounts = refcounts;
        this.data = data;
        this.clusterBits = map.clusterBits;
        this.clusterSize = map.clusterSize;
        this.extended = map.extended;
        this.words = map.words;
        this.l2Bits = map.l2Bits;
        this.l2Entries = map.l2Entries;
        this.subclusterBits = map.subclusterBits;
    }

    /** Writes from {@code offset} as far as one step goes (a run of clusters, or one cluster); returns bytes done. */
    int write(long offset, byte[] buffer, int pos, int length) throws BlockException {
        return extended ? writeExtendedCluster(offset, buffer, pos, length)
                : writeClusters(offset, buffer, pos, length);
    }

    /** Writes from {@code offset} up to the end of the run of clusters that one L2 table maps; returns bytes done. */
    private int writeClusters(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        int l1Index = (int) (cluster >>> l2Bits);
        int index = (int) (cluster & (l2Entries - 1));
        long l2Offset = map.writableL2(l1Index);
        long[] table = l2.get(l2Offset);
        long entry = table[index];
        if (isWritableInPlace(entry)) {
            long host = (entry & OFFSET_MASK) + inCluster;
            int n = Math.min(length, clusterSize - inCluster);
            for (int i = index + 1; n < length && n < ClusterMap.MAX_MERGED_IO && i < l2Entries; i++) {
                if (!isWritableInPlace(table[i]) || (table[i] & OFFSET_MASK) != host - inCluster
                        + ((long) (i - index) << clusterBits)) {
                    break;
                }
                n += Math.min(length - n, clusterSize);
            }
            data.write(host, buffer, pos, n);
            return n;
        }
        int count = 1;
        long covered = clusterSize - inCluster;
        while (covered < length && index + count < l2Entries && covered < ClusterMap.MAX_MERGED_IO
                && !isWritableInPlace(table[index + count])) {
            covered += clusterSize;
            count++;
        }
        int n = (int) Math.min(length, covered);
        long guestStart = cluster << clusterBits;
        long fileEnd = file.length();
        long host = refcounts.allocate(count);
        boolean fresh = host >= fileEnd;
        if (fresh) {
            file.reserve(host, (long) count << clusterBits);
        }
        if (inCluster > 0) {
            copyOld(guestStart, inCluster, host, fresh);
        }
        data.write(host + inCluster, buffer, pos, n);
        int tail = (int) ((long) count * clusterSize - inCluster - n);
        if (tail > 0) {
            long tailGuest = offset + n;
            copyOld(tailGuest, tail, host + inCluster + n, fresh);
        }
        long[] old = Arrays.copyOfRange(table, index, index + count);
        for (int i = 0; i < count; i++) {
            table[index + i] = (host + ((long) i << clusterBits)) | COPIED;
        }
        l2.writeThrough(l2Offset, table, index, index + count);
        for (long oldEntry : old) {
            refcounts.adjustEntry(oldEntry, -1);
        }
        return n;
    }

    private static boolean isWritableInPlace(long entry) {
        return (entry & COPIED) != 0 && (entry & COMPRESSED) == 0 && (entry & OFFSET_MASK) != 0
                && (entry & ZERO_FLAG) == 0;
    }

    /** Copies the current content of guest bytes [guest, guest+length) to host offset {@code host}. */
    private void copyOld(long guestOffset, int length, long host, boolean freshHost) throws BlockException {
        long inDisk = Math.max(0, Math.min(length, header.size - guestOffset));
        if (freshHost && !data.ciphered() && readsAsZero(guestOffset, inDisk)) {
            return;
        }
        byte[] old = new byte[length];
        if (inDisk > 0) {
            guest.read(guestOffset, old, 0, (int) inDisk);
        }
        data.write(host, old, 0, length);
    }

    private boolean readsAsZero(long guestOffset, long length) throws BlockException {
        long at = guestOffset;
        while (at < guestOffset + length) {
            map.lookup(at, guestOffset + length - at);
            int kind = map.kind();
            boolean zero = kind == ClusterMap.ZERO
                    || (kind == ClusterMap.UNALLOCATED && (backing == null || at >= backing.size()));
            if (!zero) {
                return false;
            }
            at += map.length();
        }
        return true;
    }

    /** Writes within one cluster of an image with extended L2 entries; returns bytes done. */
    private int writeExtendedCluster(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        int n = Math.min(length, clusterSize - inCluster);
        int l1Index = (int) (cluster >>> l2Bits);
        int index = (int) (cluster & (l2Entries - 1));
        long l2Offset = map.writableL2(l1Index);
        long[] table = l2.get(l2Offset);
        long entry = table[2 * index];
        long bitmap = table[2 * index + 1];
        int first = inCluster >>> subclusterBits;
        int last = (inCluster + n - 1) >>> subclusterBits;
        long touched = ((1L << (last + 1)) - 1) & ~((1L << first) - 1);
        long guestCluster = cluster << clusterBits;
        long host;
        long alloc;
        boolean inPlace = (entry & COPIED) != 0 && (entry & COMPRESSED) == 0 && (entry & OFFSET_MASK) != 0;
        if (inPlace) {
            host = entry & OFFSET_MASK;
            int spanStart = first << subclusterBits;
            int spanEnd = Math.min(clusterSize, (last + 1) << subclusterBits);
            byte[] span = new byte[spanEnd - spanStart];
            guest.read(guestCluster + spanStart, span, 0,
                    (int) Math.min(span.length, header.size - guestCluster - spanStart));
            System.arraycopy(buffer, pos, span, inCluster - spanStart, n);
            data.write(host + spanStart, span, 0, span.length);
            alloc = (bitmap & 0xffffffffL) | touched;
        } else {
            byte[] whole = new byte[clusterSize];
            guest.read(guestCluster, whole, 0, (int) Math.min(clusterSize, header.size - guestCluster));
            System.arraycopy(buffer, pos, whole, inCluster, n);
            host = refcounts.allocate(1);
            data.write(host, whole, 0, clusterSize);
            alloc = (entry & COMPRESSED) != 0 ? 0xffffffffL : (bitmap & 0xffffffffL) | touched;
        }
        long zeros = (bitmap >>> 32) & ~alloc & 0xffffffffL;
        table[2 * index] = host | COPIED;
        table[2 * index + 1] = (zeros << 32) | alloc;
        l2.writeThrough(l2Offset, table, 2 * index, 2 * index + 2);
        if (!inPlace) {
            refcounts.adjustEntry(entry, -1);
        }
        return n;
    }

    /**
     * Makes guest cluster {@code cluster} a zero cluster (version 3) or unallocated (no backing file); false when
     * neither can express it and the caller must write zeros. Unless {@code mustReadZero}, it may show the backing.
     */
    boolean clearCluster(long cluster, boolean mustReadZero) throws BlockException {
        long newEntry;
        if (header.version == 3) {
            newEntry = extended ? 0 : ZERO_FLAG;
        } else if (backing == null) {
            newEntry = 0;
        } else {
            return false;
        }
        long[] l1 = map.l1();
        int l1Index = (int) (cluster >>> l2Bits);
        int index = (int) (cluster & (l2Entries - 1));
        if ((l1[l1Index] & OFFSET_MASK) == 0 && (backing == null || !mustReadZero)) {
            return true;
        }
        if (backing == null) {
            long[] current = l2.get(l1[l1Index] & OFFSET_MASK);
            if (current[index * words] == 0 && (!extended || current[index * 2 + 1] == 0)) {
                return true;
            }
        }
        long l2Offset = map.writableL2(l1Index);
        long[] table = l2.get(l2Offset);
        long old = table[index * words];
        table[index * words] = newEntry;
        if (extended) {
            table[index * 2 + 1] = backing == null ? 0 : 0xffffffffL << 32;
        }
        l2.writeThrough(l2Offset, table, index * words, index * words + words);
        refcounts.adjustEntry(old, -1);
        return true;
    }

    /** Unmaps guest clusters {@code first} (inclusive) to {@code end} (exclusive), releasing what they held. */
    void unmapClusters(long first, long end) throws BlockException {
        long[] l1 = map.l1();
        for (long c = first; c < end; c++) {
            int l1Index = (int) (c >>> l2Bits);
            if ((l1[l1Index] & OFFSET_MASK) == 0) {
                c = ((long) (l1Index + 1) << l2Bits) - 1;
                continue;
            }
            long l2Offset = map.writableL2(l1Index);
            long[] table = l2.get(l2Offset);
            int index = (int) (c & (l2Entries - 1));
            long old = table[index * words];
            if (old != 0 || (extended && table[index * 2 + 1] != 0)) {
                table[index * words] = 0;
                if (extended) {
                    table[index * 2 + 1] = 0;
                }
                l2.writeThrough(l2Offset, table, index * words, index * words + words);
                refcounts.adjustEntry(old, -1);
            }
        }
    }
}
