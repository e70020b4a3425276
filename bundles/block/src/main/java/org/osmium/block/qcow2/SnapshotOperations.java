package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/**
 * Internal snapshots: create (copy L1, take a reference on every L2 table and cluster it reaches), apply (switch
 * the active L1 to a copy of the snapshot's) and delete, in QEMU's order so that a crash only leaks clusters.
 */
final class SnapshotOperations {
    private static final int EXTRA_DATA = 24;
    private final Qcow2Image image;
    private final ImageFile file;
    private final Qcow2Header header;
    private final int clusterBits;
    private final int clusterSize;

    SnapshotOperations(Qcow2Image image) {
        this.image = image;
        this.file = image.file();
        this.header = image.header();
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
    }

    void create(String name) throws BlockException {
        List<Qcow2Snapshots.Entry> entries = new ArrayList<>(Qcow2Snapshots.read(file, header));
        long nextId = 1;
        for (Qcow2Snapshots.Entry e : entries) {
            if (e.name().equals(name)) {
                throw new BlockException(file.path() + ": a snapshot named '" + name + "' already exists");
            }
            try {
                nextId = Math.max(nextId, Long.parseLong(e.id()) + 1);
            } catch (NumberFormatException ignored) {
                // ids that are not numbers do not take part in numbering
            }
        }
        long[] l1 = image.clusterMap().l1();
        long l1Offset = writeL1Copy(l1);
        adjustReferences(l1, 1);
        refreshCopiedFlags();
        Instant now = Instant.now();
        entries.add(new Qcow2Snapshots.Entry(l1Offset, l1.length, Long.toString(nextId), name, now.getEpochSecond(),
                now.getNano() / 1000 * 1000L, 0, 0, header.size, 0, 0));
        writeTable(entries);
    }

    void apply(String idOrName) throws BlockException {
        List<Qcow2Snapshots.Entry> entries = Qcow2Snapshots.read(file, header);
        Qcow2Snapshots.Entry snapshot = find(entries, idOrName);
        long[] snapshotL1 = ClusterMap.readTable(file, snapshot.l1Offset(), snapshot.l1Size());
        long[] old = image.clusterMap().l1().clone();
        adjustReferences(snapshotL1, 1);
        if (snapshotL1.length > old.length || snapshot.diskSize() != header.size) {
            image.clusterMap().replaceL1(java.util.Arrays.copyOf(snapshotL1, Math.max(snapshotL1.length, old.length)),
                    snapshot.diskSize());
        } else {
            long[] active = java.util.Arrays.copyOf(snapshotL1, old.length);
            image.clusterMap().replaceL1(active, header.size);
        }
        adjustReferences(old, -1);
        refreshCopiedFlags();
    }

    void delete(String idOrName) throws BlockException {
        List<Qcow2Snapshots.Entry> entries = new ArrayList<>(Qcow2Snapshots.read(file, header));
        Qcow2Snapshots.Entry snapshot = find(entries, idOrName);
        entries.remove(snapshot);
        writeTable(entries);
        long[] l1 = ClusterMap.readTable(file, snapshot.l1Offset(), snapshot.l1Size());
        adjustReferences(l1, -1);
        int l1Clusters = (int) ((l1.length * 8L + clusterSize - 1) >>> clusterBits);
        if (l1Clusters > 0) {
            image.refcounts().release(snapshot.l1Offset(), l1Clusters);
        }
        refreshCopiedFlags();
        file.sync();
    }

    private Qcow2Snapshots.Entry find(List<Qcow2Snapshots.Entry> entries, String idOrName) throws BlockException {
        for (Qcow2Snapshots.Entry e : entries) {
            if (e.id().equals(idOrName)) {
                return e;
            }
        }
        for (Qcow2Snapshots.Entry e : entries) {
            if (e.name().equals(idOrName)) {
                return e;
            }
        }
        throw new BlockException(file.path() + ": no snapshot with id or name '" + idOrName + "'");
    }

    private long writeL1Copy(long[] l1) throws BlockException {
        if (l1.length == 0) {
            return 0;
        }
        int bytes = l1.length * 8;
        long offset = image.refcounts().allocate((bytes + clusterSize - 1) >>> clusterBits);
        ByteBuffer raw = ByteBuffer.allocate(bytes);
        raw.asLongBuffer().put(l1);
        file.write(offset, raw);
        return offset;
    }

    /** Adds {@code addend} to the refcount of every L2 table {@code l1} reaches and every cluster those map. */
    private void adjustReferences(long[] l1, int addend) throws BlockException {
        Refcounts refcounts = image.refcounts();
        int words = header.extendedL2() ? 2 : 1;
        for (long entry : l1) {
            long l2Offset = entry & L2Entry.OFFSET_MASK;
            if (l2Offset == 0) {
                continue;
            }
            long[] table = image.clusterMap().tables().get(l2Offset);
            for (int i = 0; i < table.length; i += words) {
                refcounts.adjustEntry(table[i], addend);
            }
            refcounts.adjust(l2Offset >>> clusterBits, addend);
        }
    }

    /** Sets COPIED on exactly the active L1 and L2 entries whose cluster has refcount 1. */
    private void refreshCopiedFlags() throws BlockException {
        Refcounts refcounts = image.refcounts();
        long[] l1 = image.clusterMap().l1();
        int words = header.extendedL2() ? 2 : 1;
        for (int i = 0; i < l1.length; i++) {
            long l2Offset = l1[i] & L2Entry.OFFSET_MASK;
            if (l2Offset == 0) {
                continue;
            }
            long[] table = image.clusterMap().tables().get(l2Offset);
            boolean tableCopied = refcounts.get(l2Offset >>> clusterBits) == 1;
            for (int j = 0; j < table.length; j += words) {
                long e = table[j];
                long host = e & L2Entry.OFFSET_MASK;
                if ((e & L2Entry.COMPRESSED) != 0 || host == 0) {
                    continue;
                }
                long wanted = refcounts.get(host >>> clusterBits) == 1 ? e | L2Entry.COPIED
                        : e & ~L2Entry.COPIED;
                if (wanted != e) {
                    table[j] = wanted;
                    image.clusterMap().tables().writeThrough(l2Offset, table, j, j + 1);
                }
            }
            long wantedL1 = tableCopied ? l1[i] | L2Entry.COPIED : l1[i] & ~L2Entry.COPIED;
            if (wantedL1 != l1[i]) {
                l1[i] = wantedL1;
                file.write(header.l1TableOffset + 8L * i, ByteBuffer.allocate(8).putLong(0, wantedL1));
            }
        }
    }

    /** Writes the snapshot table to new clusters, points the header at it, then frees the old table. */
    private void writeTable(List<Qcow2Snapshots.Entry> entries) throws BlockException {
        long oldOffset = header.snapshotsOffset;
        long oldBytes = header.nbSnapshots == 0 ? 0 : Qcow2Snapshots.tableBytes(file, header);
        ByteBuffer table = ByteBuffer.allocate(entries.stream().mapToInt(SnapshotOperations::entryBytes).sum());
        for (Qcow2Snapshots.Entry e : entries) {
            int start = table.position();
            byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            table.putLong(e.l1Offset()).putInt(e.l1Size()).putShort((short) id.length).putShort((short) name.length)
                    .putInt((int) e.dateSec()).putInt((int) e.dateNsec()).putLong(e.vmClockNsec())
                    .putInt((int) Math.min(e.vmStateSize(), 0xffffffffL)).putInt(EXTRA_DATA)
                    .putLong(e.vmStateSize()).putLong(e.diskSize()).putLong(e.icount() < 0 ? 0 : e.icount())
                    .put(id).put(name);
            table.position(start + entryBytes(e));
        }
        long newOffset = 0;
        if (table.capacity() > 0) {
            newOffset = image.refcounts().allocate((table.capacity() + clusterSize - 1) >>> clusterBits);
            table.flip();
            file.write(newOffset, table);
        }
        file.sync();
        file.write(Qcow2Header.OFFSET_SNAPSHOTS, ByteBuffer.allocate(12).putInt(entries.size()).putLong(newOffset)
                .flip());
        file.sync();
        header.nbSnapshots = entries.size();
        header.snapshotsOffset = newOffset;
        if (oldBytes > 0) {
            image.refcounts().release(oldOffset, (int) ((oldBytes + clusterSize - 1) >>> clusterBits));
        }
    }

    private static int entryBytes(Qcow2Snapshots.Entry e) {
        return (40 + EXTRA_DATA + e.id().getBytes(StandardCharsets.UTF_8).length
                + e.name().getBytes(StandardCharsets.UTF_8).length + 7) & ~7;
    }
}
