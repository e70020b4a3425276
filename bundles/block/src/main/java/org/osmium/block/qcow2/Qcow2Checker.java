package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.osmium.block.BlockException;
import org.osmium.block.CheckResult;

/**
 * qemu-img check for qcow2: counts the references every metadata structure makes to each host cluster, compares
 * them with the stored refcounts and the COPIED flags, and repairs leaks and (with repairAll) errors.
 */
final class Qcow2Checker {
    private final Qcow2Image image;
    private final Qcow2Header header;
    private final int clusterBits;
    private final int clusterSize;
    private final List<String> messages = new ArrayList<>();
    private int[] references;
    private long corruptions;
    private long allocated;
    private long fragmented;
    private long compressed;
    private long nextContiguous;

    Qcow2Checker(Qcow2Image image) {
        this.image = image;
        this.header = image.header();
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
    }

    /** Checks; repairs leaks with {@code repairLeaks}, errors too with {@code repairAll}. */
    CheckResult run(boolean repairLeaks, boolean repairAll) throws BlockException {
        CheckResult first = pass();
        if (!(repairLeaks && first.leaks() > 0) && !(repairAll && first.corruptions() > 0)) {
            return first;
        }
        long leaksFixed = 0;
        long corruptionsFixed = 0;
        Refcounts refcounts = image.refcounts();
        int[] counted = references;
        List<String> allMessages = new ArrayList<>(first.messages());
        for (int c = 0; c < counted.length; c++) {
            long stored = refcounts.get(c);
            long wanted = counted[c];
            if ((stored > wanted && repairLeaks) || (stored < wanted && repairAll)) {
                allMessages.add("Repairing cluster " + c + " refcount=" + stored + " reference=" + wanted);
                refcounts.put(c, wanted);
                if (stored > wanted) {
                    leaksFixed++;
                } else {
                    corruptionsFixed++;
                }
            }
        }
        if (repairAll) {
            corruptionsFixed += fixCopiedFlags();
        }
        image.file().sync();
        CheckResult second = pass();
        allMessages.addAll(second.messages());
        return new CheckResult(second.corruptions(), second.leaks(), corruptionsFixed, leaksFixed,
                second.imageEndOffset(), second.totalClusters(), second.allocatedClusters(),
                second.fragmentedClusters(), second.compressedClusters(), allMessages);
    }

    private CheckResult pass() throws BlockException {
        messages.clear();
        corruptions = 0;
        allocated = 0;
        fragmented = 0;
        compressed = 0;
        nextContiguous = 0;
        long fileClusters = (image.file().length() + clusterSize - 1) >>> clusterBits;
        references = new int[(int) Math.max(1, fileClusters)];
        reference(0, clusterSize, "header");
        walkL1(image.clusterMap().l1(), header.l1TableOffset, true);
        if (header.nbSnapshots > 0) {
            for (Qcow2Snapshots.Entry snapshot : Qcow2Snapshots.read(image.file(), header)) {
                long[] l1 = ClusterMap.readTable(image.file(), snapshot.l1Offset(), snapshot.l1Size());
                walkL1(l1, snapshot.l1Offset(), false);
            }
            reference(header.snapshotsOffset, Qcow2Snapshots.tableBytes(image.file(), header), "snapshot table");
        }
        if (header.cryptMethod == 2) {
            reference(header.cryptoOffset, header.cryptoLength, "encryption header");
        }
        long[] bitmaps = header.bitmapDirectory();
        if (bitmaps != null) {
            walkBitmaps(bitmaps[0], bitmaps[1]);
        }
        long[] refTable = image.refcounts().table();
        reference(header.refcountTableOffset, (long) header.refcountTableClusters * clusterSize, "refcount table");
        for (int i = 0; i < refTable.length; i++) {
            long block = refTable[i] & ~511L;
            if (block == 0) {
                continue;
            }
            if ((block & (clusterSize - 1)) != 0) {
                corruption("ERROR refcount block " + i + " is not cluster aligned; refcount table entry corrupted");
                continue;
            }
            reference(block, clusterSize, "refcount block " + i);
        }
        long leaks = 0;
        long end = 0;
        Refcounts refcounts = image.refcounts();
        for (int c = 0; c < references.length; c++) {
            long stored = refcounts.get(c);
            long wanted = references[c];
            if (stored != 0 || wanted != 0) {
                end = c + 1;
            }
            if (stored > wanted) {
                messages.add("Leaked cluster " + c + " refcount=" + stored + " reference=" + wanted);
                leaks++;
            } else if (stored < wanted) {
                corruption("ERROR cluster " + c + " refcount=" + stored + " reference=" + wanted);
            }
        }
        checkCopiedFlags(false);
        long total = (header.size + clusterSize - 1) >>> clusterBits;
        return new CheckResult(corruptions, leaks, 0, 0, end << clusterBits, total, allocated, fragmented,
                compressed, new ArrayList<>(messages));
    }

    private void walkL1(long[] l1, long l1Offset, boolean active) throws BlockException {
        reference(l1Offset, l1.length * 8L, "L1 table");
        for (int i = 0; i < l1.length; i++) {
            long l2Offset = l1[i] & L2Entry.OFFSET_MASK;
            if (l2Offset == 0) {
                continue;
            }
            if ((l2Offset & (clusterSize - 1)) != 0) {
                corruption("ERROR l2_offset=" + Long.toHexString(l2Offset) + ": Table is not cluster aligned; L1 "
                        + "entry corrupted");
                continue;
            }
            if (!reference(l2Offset, clusterSize, "L2 table")) {
                continue;
            }
            walkL2(image.clusterMap().tables().get(l2Offset), l2Offset, active);
        }
    }

    private void walkL2(long[] table, long l2Offset, boolean active) throws BlockException {
        boolean extended = header.extendedL2();
        int words = extended ? 2 : 1;
        for (int i = 0; i < table.length / words; i++) {
            long entry = table[i * words];
            if ((entry & L2Entry.COMPRESSED) != 0) {
                long sectors = L2Entry.compressedSectors(entry, clusterBits);
                long start = L2Entry.compressedOffset(entry, clusterBits) & ~511L;
                reference(start, sectors * 512, "compressed cluster");
                if (active) {
                    allocated++;
                    compressed++;
                    fragmented++;
                }
                continue;
            }
            long host = entry & L2Entry.OFFSET_MASK;
            if (host == 0) {
                continue;
            }
            if ((host & (clusterSize - 1)) != 0) {
                corruption("ERROR offset=" + Long.toHexString(host) + ": Cluster is not properly aligned; L2 entry "
                        + "corrupted");
                continue;
            }
            reference(host, clusterSize, "data cluster");
            if (active) {
                allocated++;
                if (nextContiguous != 0 && host != nextContiguous) {
                    fragmented++;
                }
                nextContiguous = host + clusterSize;
            }
        }
    }

    /** Counts the bitmap directory, each bitmap table and each bitmap data cluster. */
    private void walkBitmaps(long directoryOffset, long directorySize) throws BlockException {
        if (directorySize <= 0 || directorySize > (64L << 20)
                || !reference(directoryOffset, directorySize, "bitmap directory")) {
            return;
        }
        ByteBuffer directory = ByteBuffer.allocate((int) directorySize);
        image.file().read(directoryOffset, directory);
        for (int at = 0; at + 24 <= directorySize; ) {
            long tableOffset = directory.getLong(at);
            long tableEntries = Integer.toUnsignedLong(directory.getInt(at + 8));
            int nameSize = directory.getShort(at + 18) & 0xffff;
            long extraSize = Integer.toUnsignedLong(directory.getInt(at + 20));
            if (tableEntries * 8 > (64L << 20) || !reference(tableOffset, tableEntries * 8, "bitmap table")) {
                return;
            }
            for (long entry : ClusterMap.readTable(image.file(), tableOffset, (int) tableEntries)) {
                long data = entry & L2Entry.OFFSET_MASK;
                if (data != 0) {
                    reference(data, clusterSize, "bitmap data cluster");
                }
            }
            at += (int) ((24 + extraSize + nameSize + 7) & ~7L);
        }
    }

    private boolean reference(long offset, long length, String what) {
        if (length <= 0) {
            return true;
        }
        long first = offset >>> clusterBits;
        long last = (offset + length - 1) >>> clusterBits;
        if (offset < 0 || last >= references.length) {
            corruption("ERROR " + what + " at offset 0x" + Long.toHexString(offset) + " lies past the end of the "
                    + "image file");
            return false;
        }
        for (long c = first; c <= last; c++) {
            references[(int) c]++;
        }
        return true;
    }

    private void corruption(String message) {
        messages.add(message);
        corruptions++;
    }

    /** Compares the COPIED flags of the active tables with the refcounts; returns how many it fixed (if asked). */
    private long checkCopiedFlags(boolean fix) throws BlockException {
        long fixed = 0;
        Refcounts refcounts = image.refcounts();
        long[] l1 = image.clusterMap().l1();
        int words = header.extendedL2() ? 2 : 1;
        for (int i = 0; i < l1.length; i++) {
            long l2Offset = l1[i] & L2Entry.OFFSET_MASK;
            if (l2Offset == 0 || (l2Offset & (clusterSize - 1)) != 0 || (l2Offset >>> clusterBits) >= references.length) {
                continue;
            }
            long refcount = refcounts.get(l2Offset >>> clusterBits);
            boolean copied = (l1[i] & L2Entry.COPIED) != 0;
            if ((refcount == 1) != copied) {
                if (fix) {
                    l1[i] = refcount == 1 ? l1[i] | L2Entry.COPIED : l1[i] & ~L2Entry.COPIED;
                    image.file().write(header.l1TableOffset + 8L * i, ByteBuffer.allocate(8).putLong(0, l1[i]));
                    fixed++;
                } else {
                    corruption("ERROR OFLAG_COPIED L2 cluster: l1_index=" + i + " l1_entry=" + Long.toHexString(l1[i])
                            + " refcount=" + refcount);
                }
            }
            long[] table = image.clusterMap().tables().get(l2Offset);
            for (int j = 0; j < table.length / words; j++) {
                long entry = table[j * words];
                long host = entry & L2Entry.OFFSET_MASK;
                if ((entry & L2Entry.COMPRESSED) != 0 || host == 0 || (host & (clusterSize - 1)) != 0) {
                    continue;
                }
                long dataRefcount = refcounts.get(host >>> clusterBits);
                boolean dataCopied = (entry & L2Entry.COPIED) != 0;
                if ((dataRefcount == 1) != dataCopied) {
                    if (fix) {
                        table[j * words] = dataRefcount == 1 ? entry | L2Entry.COPIED : entry & ~L2Entry.COPIED;
                        image.clusterMap().tables().writeThrough(l2Offset, table, j * words, j * words + 1);
                        fixed++;
                    } else {
                        corruption("ERROR OFLAG_COPIED data cluster: l2_entry=" + Long.toHexString(entry)
                                + " refcount=" + dataRefcount);
                    }
                }
            }
        }
        return fixed;
    }

    private long fixCopiedFlags() throws BlockException {
        return checkCopiedFlags(true);
    }
}
