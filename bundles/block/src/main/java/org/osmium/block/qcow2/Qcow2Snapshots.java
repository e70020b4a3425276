package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** The qcow2 snapshot table: variable-length entries, each with its L1 table, id, name, dates and extra data. */
final class Qcow2Snapshots {
    private static final int FIXED = 40;
    private static final long MAX_TABLE_BYTES = 64L << 20;

    /** One snapshot table entry. */
    record Entry(long l1Offset, int l1Size, String id, String name, long dateSec, long dateNsec, long vmClockNsec,
                 long vmStateSize, long diskSize, long icount, long tableBytes) {
    }

    private Qcow2Snapshots() {
    }

    /** Reads every entry, validating each against the file. */
    static List<Entry> read(ImageFile file, Qcow2Header header) throws BlockException {
        List<Entry> entries = new ArrayList<>();
        String name = file.path().toString();
        long at = header.snapshotsOffset;
        long fileLength = file.length();
        for (int i = 0; i < header.nbSnapshots; i++) {
            if (at - header.snapshotsOffset > MAX_TABLE_BYTES) {
                throw new BlockException(name + ": snapshot table is larger than " + (MAX_TABLE_BYTES >> 20) + " MiB");
            }
            ByteBuffer fixed = ByteBuffer.allocate(FIXED);
            file.read(at, fixed);
            long l1Offset = fixed.getLong(0);
            int l1Size = fixed.getInt(8);
            int idLength = fixed.getShort(12) & 0xffff;
            int nameLength = fixed.getShort(14) & 0xffff;
            long extraLength = Integer.toUnsignedLong(fixed.getInt(36));
            if (extraLength > 1024) {
                throw new BlockException(name + ": snapshot " + i + " has " + extraLength + " bytes of extra data "
                        + "(at most 1024)");
            }
            if (l1Size < 0 || l1Size * 8L > Qcow2Header.MAX_L1_BYTES
                    || l1Offset % header.clusterSize() != 0 || l1Offset + l1Size * 8L > fileLength) {
                throw new BlockException(name + ": snapshot " + i + " has an invalid L1 table (offset 0x"
                        + Long.toHexString(l1Offset) + ", " + Integer.toUnsignedString(l1Size) + " entries)");
            }
            ByteBuffer rest = ByteBuffer.allocate((int) extraLength + idLength + nameLength);
            file.read(at + FIXED, rest);
            rest.flip();
            long vmState = Integer.toUnsignedLong(fixed.getInt(32));
            long diskSize = header.size;
            long icount = -1;
            if (extraLength >= 8) {
                vmState = rest.getLong(0);
            }
            if (extraLength >= 16) {
                diskSize = rest.getLong(8);
            }
            if (extraLength >= 24) {
                icount = rest.getLong(16);
            }
            byte[] id = new byte[idLength];
            byte[] label = new byte[nameLength];
            rest.get((int) extraLength, id);
            rest.get((int) extraLength + idLength, label);
            long entryBytes = (FIXED + extraLength + idLength + nameLength + 7) & ~7L;
            entries.add(new Entry(l1Offset, l1Size, new String(id, StandardCharsets.UTF_8),
                    new String(label, StandardCharsets.UTF_8), Integer.toUnsignedLong(fixed.getInt(16)),
                    Integer.toUnsignedLong(fixed.getInt(20)), fixed.getLong(24), vmState, diskSize, icount, entryBytes));
            at += entryBytes;
        }
        return entries;
    }

    /** The bytes the snapshot table occupies. */
    static long tableBytes(ImageFile file, Qcow2Header header) throws BlockException {
        long bytes = 0;
        for (Entry entry : read(file, header)) {
            bytes += entry.tableBytes();
        }
        return bytes;
    }
}
