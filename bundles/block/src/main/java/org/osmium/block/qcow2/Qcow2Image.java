package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;
import org.osmium.block.CheckResult;
import org.osmium.block.SnapshotInfo;
import org.osmium.block.file.ImageFile;

/**
 * A qcow2 image (version 2 or 3): opens and validates it, and serves each request through its parts. Writes
 * allocate on demand; metadata is written through in the order refcount, data, L2 entry, L1 entry, release of the
 * old cluster, so a crash can only leak clusters.
 */
public final class Qcow2Image implements BlockImage {
    private final ImageFile file;
    private final Qcow2Header header;
    private final String name;
    private final int clusterBits;
    private final int clusterSize;
    private final BlockImage backing;
    private final HeaderFlags flags;
    private final Refcounts refcounts;
    private final ClusterMap map;
    private final HostData data;
    private final CompressedClusters compressed;
    private final ClusterWriter writer;

    private Qcow2Image(ImageFile file, Qcow2Header header, BlockImage backing, HostData data) throws BlockException {
        this.file = file;
        this.header = header;
        this.name = file.path().toString();
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
        this.backing = backing;
        this.data = data;
        int cacheTables = Math.max(16, (4 << 20) / clusterSize);
        this.flags = new HeaderFlags(file, header);
        this.refcounts = new Refcounts(file, header, cacheTables);
        this.map = new ClusterMap(file, header, refcounts, new L2Tables(file, clusterSize, cacheTables), flags);
        this.compressed = new CompressedClusters(file, header, map, refcounts, flags);
        this.writer = new ClusterWriter(this, file, header, map, refcounts, data);
    }

    /** Reads the header of an opened qcow2 file: the backing file name and format, before opening the image. */
    public static Qcow2Header readHeader(ImageFile file) throws BlockException {
        return Qcow2Header.read(file);
    }

    /** The backing file name recorded in the header, or null. */
    public static String backingFile(Qcow2Header header) {
        return header.backingFile;
    }

    /** The backing format recorded in the header, or null. */
    public static String backingFormat(Qcow2Header header) {
        return header.backingFormat;
    }

    /**
     * Opens the image whose header was read, over {@code backing} (null for none); an encrypted image is unlocked
     * with {@code passphrase}, or opened for metadata only when it is null.
     */
    public static Qcow2Image open(ImageFile file, Qcow2Header header, BlockImage backing, String passphrase)
            throws BlockException {
        HostData data = new HostData(file, header, HostData.unlock(file, header, passphrase));
        Qcow2Image image = new Qcow2Image(file, header, backing, data);
        if (!file.readOnly()) {
            image.prepareForWriting();
        }
        return image;
    }

    /** True for a LUKS-encrypted image. */
    public boolean encrypted() {
        return data.encrypted();
    }

    private void prepareForWriting() throws BlockException {
        if (flags.corrupt()) {
            throw new BlockException(name + ": qcow2 image is marked corrupt; it can only be opened read-only "
                    + "(repair it with 'img check -r all')");
        }
        if (flags.dirty()) {
            new Qcow2Checker(this).run(true, true);
            flags.clearDirty();
        }
    }

    // ---- facts ----

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public String format() {
        return "qcow2";
    }

    @Override
    public long size() {
        return header.size;
    }

    @Override
    public boolean readOnly() {
        return file.readOnly();
    }

    @Override
    public BlockImage backing() {
        return backing;
    }

    @Override
    public long clusterSize() {
        return clusterSize;
    }

    @Override
    public boolean dirty() {
        return flags.dirty();
    }

    /** The backing file name as the header records it, or null. */
    public String backingFileName() {
        return header.backingFile;
    }

    /** The backing format as the header records it, or null. */
    public String backingFormatName() {
        return header.backingFormat;
    }

    @Override
    public Map<String, Object> formatSpecific() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("compat", header.version == 2 ? "0.10" : "1.1");
        facts.put("compression-type", header.compressionType == 0 ? "zlib" : "zstd");
        if (header.version == 3) {
            facts.put("lazy-refcounts", (header.compatible & Qcow2Header.COMPAT_LAZY_REFCOUNTS) != 0);
        }
        facts.put("refcount-bits", 1 << header.refcountOrder);
        if (encrypted()) {
            try {
                facts.put("encrypt", data.describe());
            } catch (BlockException e) {
                facts.put("encrypt", Map.of("format", "luks"));
            }
        }
        if (header.version == 3) {
            facts.put("corrupt", flags.corrupt());
            facts.put("extended-l2", map.extended);
        }
        return facts;
    }

    ImageFile file() {
        return file;
    }

    Qcow2Header header() {
        return header;
    }

    Refcounts refcounts() {
        return refcounts;
    }

    ClusterMap clusterMap() {
        return map;
    }

    // ---- reading ----

    @Override
    public synchronized void read(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        checkRange(offset, length);
        if (encrypted() && ((offset | length) & 511) != 0) {
            long start = offset & ~511L;
            byte[] sectors = new byte[(int) (((offset + length + 511) & ~511L) - start)];
            read(start, sectors, 0, sectors.length);
            System.arraycopy(sectors, (int) (offset - start), buffer, bufferOffset, length);
            return;
        }
        int pos = bufferOffset;
        long at = offset;
        long left = length;
        while (left > 0) {
            map.lookup(at, left);
            int n = (int) map.length();
            switch (map.kind()) {
                case ClusterMap.NORMAL -> {
                    long host = map.host();
                    while (n < left && n < ClusterMap.MAX_MERGED_IO) {
                        map.lookup(at + n, left - n);
                        if (map.kind() != ClusterMap.NORMAL || map.host() != host + n) {
                            break;
                        }
                        n += (int) map.length();
                    }
                    data.read(host, buffer, pos, n);
                }
                case ClusterMap.ZERO -> Arrays.fill(buffer, pos, pos + n, (byte) 0);
                case ClusterMap.COMPRESSED_KIND -> {
                    byte[] cluster = compressed.read(map.entry(), at);
                    System.arraycopy(cluster, (int) (at & (clusterSize - 1)), buffer, pos, n);
                }
                default -> readBelow(at, buffer, pos, n);
            }
            pos += n;
            at += n;
            left -= n;
        }
    }

    private void readBelow(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long fromBacking = backing == null ? 0 : Math.max(0, Math.min(length, backing.size() - offset));
        if (fromBacking > 0) {
            backing.read(offset, buffer, pos, (int) fromBacking);
        }
        Arrays.fill(buffer, pos + (int) fromBacking, pos + length, (byte) 0);
    }

    // ---- writing ----

    @Override
    public synchronized void write(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        checkRange(offset, length);
        flags.requireWritable();
        if (encrypted() && ((offset | length) & 511) != 0) {
            long start = offset & ~511L;
            byte[] sectors = new byte[(int) (((offset + length + 511) & ~511L) - start)];
            read(start, sectors, 0, sectors.length);
            System.arraycopy(buffer, bufferOffset, sectors, (int) (offset - start), length);
            write(start, sectors, 0, sectors.length);
            return;
        }
        flags.markDirtyIfLazy();
        int pos = bufferOffset;
        long at = offset;
        int left = length;
        while (left > 0) {
            int n = writer.write(at, buffer, pos, left);
            pos += n;
            at += n;
            left -= n;
        }
    }

    @Override
    public synchronized void writeCompressed(long offset, byte[] buffer, int bufferOffset, int length)
            throws BlockException {
        checkRange(offset, length);
        flags.requireWritable();
        if ((offset & (clusterSize - 1)) != 0 || (length != clusterSize && offset + length != header.size)) {
            throw new BlockException(name + ": compressed writes must cover one whole cluster (offset " + offset
                    + ", length " + length + ")");
        }
        map.lookup(offset, length);
        if (map.kind() != ClusterMap.UNALLOCATED && map.kind() != ClusterMap.ZERO) {
            throw new BlockException(name + ": compressed write at offset " + offset + " would overwrite an "
                    + "allocated cluster");
        }
        if (!compressed.write(offset, buffer, bufferOffset, length)) {
            write(offset, buffer, bufferOffset, length);
        }
    }

    @Override
    public synchronized void writeZeroes(long offset, long length) throws BlockException {
        clearRange(offset, length, true);
    }

    @Override
    public synchronized void discard(long offset, long length) throws BlockException {
        clearRange(offset, length, false);
    }

    /**
     * Zeroes or discards: whole clusters become zero clusters (version 3) or unallocated (no backing file); the
     * rest, for write-zeroes, gets zero bytes written.
     */
    private void clearRange(long offset, long length, boolean mustReadZero) throws BlockException {
        checkRange(offset, length);
        flags.requireWritable();
        flags.markDirtyIfLazy();
        long at = offset;
        long end = offset + length;
        while (at < end) {
            int inCluster = (int) (at & (clusterSize - 1));
            long n = Math.min(end - at, clusterSize - inCluster);
            boolean whole = inCluster == 0 && (n == clusterSize || at + n == header.size);
            if (whole && writer.clearCluster(at >>> clusterBits, mustReadZero)) {
                at += n;
                continue;
            }
            if (mustReadZero) {
                write(at, new byte[(int) n], 0, (int) n);
            }
            at += n;
        }
    }

    @Override
    public synchronized void flush() throws BlockException {
        if (!file.readOnly()) {
            file.sync();
        }
        if (backing != null && !backing.readOnly()) {
            backing.flush();
        }
    }

    @Override
    public synchronized void resize(long newSize) throws BlockException {
        flags.requireWritable();
        if (newSize % 512 != 0) {
            throw new BlockException(name + ": the new size " + newSize + " must be a multiple of 512");
        }
        if (newSize < header.size) {
            shrink(newSize);
        }
        long needed = Qcow2Header.l1EntriesFor(newSize, clusterBits, map.extended);
        if (needed * 8 > Qcow2Header.MAX_L1_BYTES) {
            throw new BlockException(name + ": size " + newSize + " is too large for cluster size " + clusterSize);
        }
        if (needed > map.l1().length) {
            map.growL1((int) needed);
        }
        header.size = newSize;
        file.write(24, ByteBuffer.allocate(8).putLong(0, newSize));
        file.sync();
    }

    private void shrink(long newSize) throws BlockException {
        long firstGone = (newSize + clusterSize - 1) & -(long) clusterSize;
        if (firstGone < header.size) {
            deallocate(firstGone, header.size - firstGone);
        }
    }

    // ---- status ----

    @Override
    public synchronized BlockStatus status(long offset, long maxLength) throws BlockException {
        long max = Math.min(maxLength, header.size - offset);
        map.lookup(offset, max);
        int kind = map.kind();
        long host = map.host();
        long n = map.length();
        while (n < max) {
            map.lookup(offset + n, max - n);
            if (map.kind() != kind || kind == ClusterMap.COMPRESSED_KIND
                    || (kind == ClusterMap.NORMAL && map.host() != host + n)) {
                break;
            }
            n += map.length();
        }
        return switch (kind) {
            case ClusterMap.NORMAL -> {
                long extent = file.extentAt(host, n);
                yield new BlockStatus(offset, Math.abs(extent), true, extent < 0, true, 0, host, false, name);
            }
            case ClusterMap.ZERO -> new BlockStatus(offset, n, false, true, true, 0, -1, false, name);
            case ClusterMap.COMPRESSED_KIND -> new BlockStatus(offset, n, true, false, true, 0, -1, true, name);
            default -> statusBelow(offset, n);
        };
    }

    private BlockStatus statusBelow(long offset, long length) throws BlockException {
        if (backing == null) {
            return new BlockStatus(offset, length, false, true, false, 0, -1, false, name);
        }
        if (offset >= backing.size()) {
            return new BlockStatus(offset, length, false, true, false, 1, -1, false, backing.path().toString());
        }
        return backing.status(offset, Math.min(length, backing.size() - offset)).deeper();
    }

    private void checkRange(long offset, long length) throws BlockException {
        if (offset < 0 || length < 0 || offset + length > header.size) {
            throw new BlockException(name + ": request at offset " + offset + " length " + length
                    + " is outside the image (size " + header.size + ")");
        }
    }

    @Override
    public synchronized CheckResult check(boolean repairLeaks, boolean repairAll) throws BlockException {
        if ((repairLeaks || repairAll) && file.readOnly()) {
            throw new BlockException(name + ": cannot repair an image opened read-only");
        }
        return new Qcow2Checker(this).run(repairLeaks, repairAll);
    }

    @Override
    public synchronized List<SnapshotInfo> snapshots() throws BlockException {
        List<SnapshotInfo> list = new ArrayList<>();
        for (Qcow2Snapshots.Entry e : Qcow2Snapshots.read(file, header)) {
            list.add(new SnapshotInfo(e.id(), e.name(), e.vmStateSize(), e.dateSec(), e.dateNsec(), e.vmClockNsec(),
                    e.icount()));
        }
        return list;
    }

    @Override
    public synchronized void createSnapshot(String snapshotName) throws BlockException {
        flags.requireWritable();
        new SnapshotOperations(this).create(snapshotName);
        file.sync();
    }

    @Override
    public synchronized void applySnapshot(String idOrName) throws BlockException {
        flags.requireWritable();
        new SnapshotOperations(this).apply(idOrName);
        compressed.forget();
        file.sync();
    }

    @Override
    public synchronized void deleteSnapshot(String idOrName) throws BlockException {
        flags.requireWritable();
        new SnapshotOperations(this).delete(idOrName);
    }

    @Override
    public synchronized void setBacking(String backingFile, String backingFormat) throws BlockException {
        flags.requireWritable();
        header.backingFile = backingFile;
        header.backingFormat = backingFile == null ? null : backingFormat;
        byte[] encoded = header.encode(name);
        file.write(0, encoded, 0, encoded.length);
        file.sync();
    }

    /**
     * Preallocates every cluster as qemu-img create -o preallocation does: "metadata" maps each guest cluster to a
     * host cluster left as a hole, "falloc" also reserves the space, "full" also writes the zeros.
     */
    public synchronized void preallocate(String mode) throws BlockException {
        flags.requireWritable();
        if (encrypted() || map.extended) {
            throw new BlockException(name + ": preallocation is not supported with encryption or extended L2");
        }
        new Preallocation(this).run(mode);
    }

    @Override
    public synchronized void amend(Map<String, String> options) throws BlockException {
        flags.requireWritable();
        new Amendment(this).apply(options);
    }

    @Override
    public synchronized void deallocate(long offset, long length) throws BlockException {
        checkRange(offset, length);
        flags.requireWritable();
        long first = (offset + clusterSize - 1) >>> clusterBits;
        long end = (offset + length) >>> clusterBits;
        if (offset + length == header.size) {
            end = (header.size + clusterSize - 1) >>> clusterBits;
        }
        writer.unmapClusters(first, end);
        long head = Math.min(length, (first << clusterBits) - offset);
        if (head > 0) {
            writeZeroes(offset, head);
        }
        long tailStart = Math.max(offset, end << clusterBits);
        if (tailStart < offset + length && end > first) {
            writeZeroes(tailStart, offset + length - tailStart);
        }
    }

    @Override
    public synchronized void close() throws BlockException {
        try {
            if (!file.readOnly()) {
                file.sync();
                flags.clearOwnDirty();
            }
        } finally {
            try {
                file.close();
            } finally {
                if (backing != null) {
                    backing.close();
                }
            }
        }
    }
}
