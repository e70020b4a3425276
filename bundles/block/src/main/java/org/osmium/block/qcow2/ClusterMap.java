package org.osmium.block.qcow2;

import static org.osmium.block.qcow2.L2Entry.COMPRESSED;
import static org.osmium.block.qcow2.L2Entry.COPIED;
import static org.osmium.block.qcow2.L2Entry.OFFSET_MASK;
import static org.osmium.block.qcow2.L2Entry.ZERO_FLAG;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** Maps guest offsets to host clusters through the L1 and cached L2 tables, and maintains the active L1 table. */
final class ClusterMap {
    static final int UNALLOCATED = 0;
    static final int NORMAL = 1;
    static final int ZERO = 2;
    static final int COMPRESSED_KIND = 3;
    /** The most bytes of contiguous host clusters that one file request may cover. */
    static final int MAX_MERGED_IO = 8 << 20;

    final int clusterBits;
    final int clusterSize;
    final boolean extended;
    /** Words per L2 entry: 2 with extended L2 entries (entry, subcluster bitmap), else 1. */
    final int words;
    final int l2Bits;
    final int l2Entries;
    final int subclusterBits;
    private final ImageFile file;
    private final Qcow2Header header;
    private final Refcounts refcounts;
    private final L2Tables l2;
    private final HeaderFlags flags;
    private long[] l1;

    private int kind;
    private long host;
    private long length;
    private long entry;

    ClusterMap(ImageFile file, Qcow2Header header, Refcounts refcounts, L2Tables l2, HeaderFlags flags)
            throws BlockException {
        this.file = file;
        this.header = header;
        this.refcounts = refcounts;
        this.l2 = l2;
        this.flags = flags;
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
        this.extended = header.extendedL2();
        this.words = extended ? 2 : 1;
        this.l2Bits = clusterBits - (extended ? 4 : 3);
        this.l2Entries = 1 << l2Bits;
        this.subclusterBits = extended ? clusterBits - 5 : clusterBits;
        this.l1 = readTable(file, header.l1TableOffset, header.l1Size);
    }

    /** Reads a table of {@code entries} big-endian 64-bit words at host offset {@code offset}. */
    static long[] readTable(ImageFile file, long offset, int entries) throws BlockException {
        ByteBuffer raw = ByteBuffer.allocate(entries * 8);
        file.read(offset, raw);
        raw.flip();
        long[] table = new long[entries];
        raw.asLongBuffer().get(table);
        return table;
    }

    /** The active L1 table, changed in place as it is written through. */
    long[] l1() {
        return l1;
    }

    L2Tables tables() {
        return l2;
    }

    /** Kind of the range looked up last: UNALLOCATED, NORMAL, ZERO or COMPRESSED_KIND. */
    int kind() {
        return kind;
    }

    /** Host offset of the range looked up last (NORMAL ranges). */
    long host() {
        return host;
    }

    /** Length of the range looked up last, over which its kind (and host contiguity) holds. */
    long length() {
        return length;
    }

    /** L2 entry of the range looked up last (COMPRESSED_KIND ranges). */
    long entry() {
        return entry;
    }

    /** Looks up guest offset {@code offset}, covering at most {@code max} bytes; read the answer with kind() etc. */
    void lookup(long offset, long max) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        long l1Index = cluster >>> l2Bits;
        int l2Index = (int) (cluster & (l2Entries - 1));
        long l2Offset = l1Index < l1.length ? l1[(int) l1Index] & OFFSET_MASK : 0;
        if (l2Offset == 0) {
            kind = UNALLOCATED;
            long tableEnd = (l1Index + 1) << (l2Bits + clusterBits);
            length = Math.min(max, tableEnd - offset);
            return;
        }
        if ((l2Offset & (clusterSize - 1)) != 0) {
            throw flags.corruption("L2 table offset 0x" + Long.toHexString(l2Offset) + " unaligned (L1 index "
                    + l1Index + ")");
        }
        long[] table = l2.get(l2Offset);
        long found = table[l2Index * words];
        entry = found;
        length = Math.min(max, clusterSize - inCluster);
        if ((found & COMPRESSED) != 0) {
            kind = COMPRESSED_KIND;
            return;
        }
        long clusterHost = found & OFFSET_MASK;
        if (clusterHost != 0 && (clusterHost & (clusterSize - 1)) != 0) {
            throw flags.corruption("cluster allocation offset 0x" + Long.toHexString(clusterHost)
                    + " unaligned (L2 offset 0x" + Long.toHexString(l2Offset) + ", L2 index " + l2Index + ")");
        }
        if (!extended) {
            if ((found & ZERO_FLAG) != 0 && header.version == 3) {
                kind = ZERO;
            } else if (clusterHost == 0) {
                kind = UNALLOCATED;
            } else {
                kind = NORMAL;
                host = clusterHost + inCluster;
            }
            return;
        }
        long bitmap = table[l2Index * 2 + 1];
        int first = inCluster >>> subclusterBits;
        int subKind = subclusterKind(bitmap, first);
        int end = first + 1;
        while (end < 32 && subclusterKind(bitmap, end) == subKind) {
            end++;
        }
        if (subKind == NORMAL && clusterHost == 0) {
            throw flags.corruption("subcluster allocated without a host cluster (L2 offset 0x"
                    + Long.toHexString(l2Offset) + ", L2 index " + l2Index + ")");
        }
        kind = subKind;
        host = clusterHost + inCluster;
        length = Math.min(max, ((long) end << subclusterBits) - inCluster);
    }

    private static int subclusterKind(long bitmap, int subcluster) {
        if ((bitmap >>> subcluster & 1) != 0) {
            return NORMAL;
        }
        return (bitmap >>> (32 + subcluster) & 1) != 0 ? ZERO : UNALLOCATED;
    }

    /** Makes L1 entry {@code l1Index} point to an L2 table only the active L1 uses; returns its offset. */
    long writableL2(int l1Index) throws BlockException {
        long l1Entry = l1[l1Index];
        long offset = l1Entry & OFFSET_MASK;
        if (offset != 0 && (l1Entry & COPIED) != 0) {
            return offset;
        }
        long[] table = offset == 0 ? new long[l2Entries * words] : l2.get(offset).clone();
        long fresh = refcounts.allocate(1);
        l2.create(fresh, table);
        l1[l1Index] = fresh | COPIED;
        file.write(header.l1TableOffset + 8L * l1Index, ByteBuffer.allocate(8).putLong(0, l1[l1Index]));
        if (offset != 0) {
            refcounts.adjust(offset >>> clusterBits, -1);
        }
        return fresh;
    }

    /** Moves the L1 table to new clusters with room for {@code entries} entries, then frees the old ones. */
    void growL1(int entries) throws BlockException {
        int bytes = entries * 8;
        int clusters = (bytes + clusterSize - 1) / clusterSize;
        long newOffset = refcounts.allocate(clusters);
        long[] grown = Arrays.copyOf(l1, entries);
        ByteBuffer raw = ByteBuffer.allocate(bytes);
        raw.asLongBuffer().put(grown);
        file.write(newOffset, raw);
        file.sync();
        long oldOffset = header.l1TableOffset;
        int oldClusters = (int) ((l1.length * 8L + clusterSize - 1) / clusterSize);
        file.write(Qcow2Header.OFFSET_L1_SIZE, ByteBuffer.allocate(12).putInt(entries).putLong(newOffset).flip());
        file.sync();
        header.l1Size = entries;
        header.l1TableOffset = newOffset;
        l1 = grown;
        if (oldClusters > 0) {
            refcounts.release(oldOffset, oldClusters);
        }
    }

    /** Makes {@code entries} the active L1 table (growing it if needed) and {@code newSize} the disk size. */
    void replaceL1(long[] entries, long newSize) throws BlockException {
        if (entries.length > l1.length) {
            growL1(entries.length);
        }
        long[] active = Arrays.copyOf(entries, l1.length);
        ByteBuffer raw = ByteBuffer.allocate(active.length * 8);
        raw.asLongBuffer().put(active);
        file.write(header.l1TableOffset, raw);
        file.sync();
        l1 = active;
        if (newSize != header.size) {
            header.size = newSize;
            file.write(24, ByteBuffer.allocate(8).putLong(0, newSize));
        }
    }
}
