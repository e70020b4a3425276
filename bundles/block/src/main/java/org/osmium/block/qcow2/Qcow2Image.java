package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;
import org.osmium.block.CheckResult;
import org.osmium.block.SnapshotInfo;
import org.osmium.block.file.ImageFile;
import org.osmium.block.luks.LuksVolume;

/**
 * A qcow2 image (version 2 or 3). Writes allocate on demand; metadata is written through in the order refcount,
 * data, L2 entry, L1 entry, release of the old cluster, so a crash can only leak clusters.
 */
public final class Qcow2Image implements BlockImage {
    static final long OFFSET_MASK = 0x00fffffffffffe00L;
    static final long COPIED = 1L << 63;
    static final long COMPRESSED = 1L << 62;
    static final long ZERO_FLAG = 1L;
    private static final int UNALLOCATED = 0;
    private static final int NORMAL = 1;
    private static final int ZERO = 2;
    private static final int COMPRESSED_KIND = 3;
    private static final int MAX_MERGED_IO = 8 << 20;

    private final ImageFile file;
    private final Qcow2Header header;
    private final String name;
    private final int clusterBits;
    private final int clusterSize;
    private final boolean extended;
    private final int words;
    private final int l2Bits;
    private final int l2Entries;
    private final int subclusterBits;
    private final Refcounts refcounts;
    private final L2Tables l2;
    private final ClusterCodec codec;
    private final BlockImage backing;
    /** The unlocked LUKS volume of an encrypted image, or null (unencrypted, or opened without a passphrase). */
    private final LuksVolume crypto;
    private final byte[] compressedIn;
    private final byte[] decompressed;
    private long decompressedEntry = -1;
    private long[] l1;
    private boolean markedDirty;
    private long compressedEnd;
    private byte[] compressInput;
    private byte[] compressOutput;

    /** Mapping of the range asked last: its kind, host offset (for data), length and L2 entry. */
    private int mapKind;
    private long mapHost;
    private long mapLength;
    private long mapEntry;

    private Qcow2Image(ImageFile file, Qcow2Header header, BlockImage backing, LuksVolume crypto)
            throws BlockException {
        this.file = file;
        this.header = header;
        this.name = file.path().toString();
        this.clusterBits = header.clusterBits;
        this.clusterSize = header.clusterSize();
        this.extended = header.extendedL2();
        this.words = extended ? 2 : 1;
        this.l2Bits = clusterBits - (extended ? 4 : 3);
        this.l2Entries = 1 << l2Bits;
        this.subclusterBits = extended ? clusterBits - 5 : clusterBits;
        int cacheTables = Math.max(16, (4 << 20) / clusterSize);
        this.refcounts = new Refcounts(file, header, cacheTables);
        this.l2 = new L2Tables(file, clusterSize, cacheTables);
        this.codec = new ClusterCodec(name, header.compressionType);
        this.backing = backing;
        this.crypto = crypto;
        this.compressedIn = new byte[clusterSize + 1024];
        this.decompressed = new byte[clusterSize];
        this.l1 = readL1(header.l1TableOffset, header.l1Size);
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
        LuksVolume crypto = null;
        if (header.cryptMethod == 2 && passphrase != null) {
            long areaEnd = header.cryptoOffset + header.cryptoLength;
            if (header.cryptoOffset % header.clusterSize() != 0 || header.cryptoLength < LuksVolume.HEADER_BYTES
                    || areaEnd > file.length() || areaEnd < 0) {
                throw new BlockException(file.path() + ": encryption header (offset 0x"
                        + Long.toHexString(header.cryptoOffset) + ", " + header.cryptoLength + " bytes) is invalid");
            }
            crypto = LuksVolume.unlock((offset, buffer) -> {
                if (offset < 0 || offset + buffer.length > header.cryptoLength) {
                    throw new BlockException(file.path() + ": LUKS key material lies outside the encryption header");
                }
                file.read(header.cryptoOffset + offset, buffer, 0, buffer.length);
            }, passphrase.getBytes(java.nio.charset.StandardCharsets.UTF_8), file.path().toString());
        }
        Qcow2Image image = new Qcow2Image(file, header, backing, crypto);
        if (!file.readOnly()) {
            image.prepareForWriting();
        }
        return image;
    }

    private void readCryptoArea(long offset, byte[] buffer) throws BlockException {
        if (offset < 0 || offset + buffer.length > header.cryptoLength) {
            throw new BlockException(name + ": read outside the encryption header");
        }
        file.read(header.cryptoOffset + offset, buffer, 0, buffer.length);
    }

    /** True for a LUKS-encrypted image. */
    public boolean encrypted() {
        return header.cryptMethod != 0;
    }

    private void prepareForWriting() throws BlockException {
        if ((header.incompatible & Qcow2Header.INCOMPAT_CORRUPT) != 0) {
            throw new BlockException(name + ": qcow2 image is marked corrupt; it can only be opened read-only "
                    + "(repair it with 'img check -r all')");
        }
        if ((header.incompatible & Qcow2Header.INCOMPAT_DIRTY) != 0) {
            new Qcow2Checker(this).run(true, true);
            writeIncompatible(header.incompatible & ~Qcow2Header.INCOMPAT_DIRTY);
        }
    }

    private long[] readL1(long offset, int entries) throws BlockException {
        ByteBuffer raw = ByteBuffer.allocate(entries * 8);
        file.read(offset, raw);
        raw.flip();
        long[] table = new long[entries];
        raw.asLongBuffer().get(table);
        return table;
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
        return (header.incompatible & Qcow2Header.INCOMPAT_DIRTY) != 0;
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
                facts.put("encrypt", LuksVolume.describe(this::readCryptoArea, name));
            } catch (BlockException e) {
                facts.put("encrypt", Map.of("format", "luks"));
            }
        }
        if (header.version == 3) {
            facts.put("corrupt", (header.incompatible & Qcow2Header.INCOMPAT_CORRUPT) != 0);
            facts.put("extended-l2", extended);
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

    L2Tables l2Tables() {
        return l2;
    }

    long[] l1() {
        return l1;
    }

    // ---- mapping ----

    private void lookup(long offset, long max) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        long l1Index = cluster >>> l2Bits;
        int l2Index = (int) (cluster & (l2Entries - 1));
        long l2Offset = l1Index < l1.length ? l1[(int) l1Index] & OFFSET_MASK : 0;
        if (l2Offset == 0) {
            mapKind = UNALLOCATED;
            long tableEnd = (l1Index + 1) << (l2Bits + clusterBits);
            mapLength = Math.min(max, tableEnd - offset);
            return;
        }
        if ((l2Offset & (clusterSize - 1)) != 0) {
            throw corruption("L2 table offset 0x" + Long.toHexString(l2Offset) + " unaligned (L1 index " + l1Index
                    + ")");
        }
        long[] table = l2.get(l2Offset);
        long entry = table[l2Index * words];
        mapEntry = entry;
        mapLength = Math.min(max, clusterSize - inCluster);
        if ((entry & COMPRESSED) != 0) {
            mapKind = COMPRESSED_KIND;
            return;
        }
        long host = entry & OFFSET_MASK;
        if (host != 0 && (host & (clusterSize - 1)) != 0) {
            throw corruption("cluster allocation offset 0x" + Long.toHexString(host) + " unaligned (L2 offset 0x"
                    + Long.toHexString(l2Offset) + ", L2 index " + l2Index + ")");
        }
        if (!extended) {
            if ((entry & ZERO_FLAG) != 0 && header.version == 3) {
                mapKind = ZERO;
            } else if (host == 0) {
                mapKind = UNALLOCATED;
            } else {
                mapKind = NORMAL;
                mapHost = host + inCluster;
            }
            return;
        }
        long bitmap = table[l2Index * 2 + 1];
        int first = inCluster >>> subclusterBits;
        int kind = subclusterKind(bitmap, first);
        int end = first + 1;
        while (end < 32 && subclusterKind(bitmap, end) == kind) {
            end++;
        }
        if (kind == NORMAL && host == 0) {
            throw corruption("subcluster allocated without a host cluster (L2 offset 0x"
                    + Long.toHexString(l2Offset) + ", L2 index " + l2Index + ")");
        }
        mapKind = kind;
        mapHost = host + inCluster;
        mapLength = Math.min(max, ((long) end << subclusterBits) - inCluster);
    }

    private static int subclusterKind(long bitmap, int subcluster) {
        if ((bitmap >>> subcluster & 1) != 0) {
            return NORMAL;
        }
        return (bitmap >>> (32 + subcluster) & 1) != 0 ? ZERO : UNALLOCATED;
    }

    private BlockException corruption(String what) {
        if (!file.readOnly() && (header.incompatible & Qcow2Header.INCOMPAT_CORRUPT) == 0) {
            try {
                writeIncompatible(header.incompatible | Qcow2Header.INCOMPAT_CORRUPT);
            } catch (BlockException e) {
                return new BlockException(name + ": " + what + "; marking the image corrupt failed too: "
                        + e.getMessage());
            }
            return new BlockException(name + ": " + what + "; image marked corrupt, further writes refused");
        }
        return new BlockException(name + ": " + what);
    }

    private void writeIncompatible(long value) throws BlockException {
        if (header.version < 3) {
            return;
        }
        header.incompatible = value;
        file.write(Qcow2Header.OFFSET_INCOMPAT, ByteBuffer.allocate(8).putLong(0, value));
        file.sync();
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
            lookup(at, left);
            int n = (int) mapLength;
            switch (mapKind) {
                case NORMAL -> {
                    long host = mapHost;
                    while (n < left && n < MAX_MERGED_IO) {
                        lookup(at + n, left - n);
                        if (mapKind != NORMAL || mapHost != host + n) {
                            break;
                        }
                        n += (int) mapLength;
                    }
                    readData(host, buffer, pos, n);
                }
                case ZERO -> Arrays.fill(buffer, pos, pos + n, (byte) 0);
                case COMPRESSED_KIND -> {
                    byte[] cluster = decompress(mapEntry, at);
                    System.arraycopy(cluster, (int) (at & (clusterSize - 1)), buffer, pos, n);
                }
                default -> readBelow(at, buffer, pos, n);
            }
            pos += n;
            at += n;
            left -= n;
        }
    }

    /** Reads guest data stored at host offset {@code host}, decrypting it for an encrypted image. */
    private void readData(long host, byte[] buffer, int pos, int length) throws BlockException {
        requireKey();
        file.read(host, buffer, pos, length);
        if (crypto != null) {
            crypto.decrypt(host, buffer, pos, length);
        }
    }

    /** Writes guest data to host offset {@code host}, encrypting a copy of it for an encrypted image. */
    private void writeData(long host, byte[] buffer, int pos, int length) throws BlockException {
        requireKey();
        if (crypto == null) {
            file.write(host, buffer, pos, length);
            return;
        }
        byte[] sealed = Arrays.copyOfRange(buffer, pos, pos + length);
        crypto.encrypt(host, sealed, 0, length);
        file.write(host, sealed, 0, length);
    }

    private void requireKey() throws BlockException {
        if (encrypted() && crypto == null) {
            throw new BlockException(name + ": image is encrypted; its data needs the passphrase "
                    + "(encrypt.key-secret)");
        }
    }

    private void readBelow(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long fromBacking = backing == null ? 0 : Math.max(0, Math.min(length, backing.size() - offset));
        if (fromBacking > 0) {
            backing.read(offset, buffer, pos, (int) fromBacking);
        }
        Arrays.fill(buffer, pos + (int) fromBacking, pos + length, (byte) 0);
    }

    private byte[] decompress(long entry, long guestOffset) throws BlockException {
        if (entry == decompressedEntry) {
            return decompressed;
        }
        int shift = 62 - (clusterBits - 8);
        long host = entry & ((1L << shift) - 1);
        long sectors = ((entry & ~COPIED & ~COMPRESSED) >>> shift) + 1;
        int length = (int) Math.min(compressedIn.length, sectors * 512 - (host & 511));
        file.read(host, compressedIn, 0, length);
        decompressedEntry = -1;
        codec.decompress(compressedIn, length, decompressed, guestOffset);
        decompressedEntry = entry;
        return decompressed;
    }

    // ---- writing ----

    @Override
    public synchronized void write(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        checkRange(offset, length);
        checkWritable();
        if (encrypted() && ((offset | length) & 511) != 0) {
            long start = offset & ~511L;
            byte[] sectors = new byte[(int) (((offset + length + 511) & ~511L) - start)];
            read(start, sectors, 0, sectors.length);
            System.arraycopy(buffer, bufferOffset, sectors, (int) (offset - start), length);
            write(start, sectors, 0, sectors.length);
            return;
        }
        markDirtyIfLazy();
        int pos = bufferOffset;
        long at = offset;
        int left = length;
        while (left > 0) {
            int n = extended ? writeExtendedCluster(at, buffer, pos, left) : writeClusters(at, buffer, pos, left);
            pos += n;
            at += n;
            left -= n;
        }
    }

    private void checkWritable() throws BlockException {
        if (file.readOnly()) {
            throw new BlockException(name + ": image is opened read-only");
        }
        if ((header.incompatible & Qcow2Header.INCOMPAT_CORRUPT) != 0) {
            throw new BlockException(name + ": image is marked corrupt; writes are refused");
        }
        if (header.autoclear != 0) {
            header.autoclear = 0;
            file.write(88, ByteBuffer.allocate(8).putLong(0, 0));
            file.sync();
        }
    }

    private void markDirtyIfLazy() throws BlockException {
        if (!markedDirty && (header.compatible & Qcow2Header.COMPAT_LAZY_REFCOUNTS) != 0) {
            writeIncompatible(header.incompatible | Qcow2Header.INCOMPAT_DIRTY);
            markedDirty = true;
        }
    }

    /** Writes from {@code offset} up to the end of the run of clusters that one L2 table maps; returns bytes done. */
    private int writeClusters(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        int l1Index = (int) (cluster >>> l2Bits);
        int index = (int) (cluster & (l2Entries - 1));
        long l2Offset = writableL2(l1Index);
        long[] table = l2.get(l2Offset);
        long entry = table[index];
        if (isWritableInPlace(entry)) {
            long host = (entry & OFFSET_MASK) + inCluster;
            int n = Math.min(length, clusterSize - inCluster);
            for (int i = index + 1; n < length && n < MAX_MERGED_IO && i < l2Entries; i++) {
                if (!isWritableInPlace(table[i]) || (table[i] & OFFSET_MASK) != host - inCluster
                        + ((long) (i - index) << clusterBits)) {
                    break;
                }
                n += Math.min(length - n, clusterSize);
            }
            writeData(host, buffer, pos, n);
            return n;
        }
        int count = 1;
        long covered = clusterSize - inCluster;
        while (covered < length && index + count < l2Entries && covered < MAX_MERGED_IO
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
        writeData(host + inCluster, buffer, pos, n);
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
            releaseEntry(oldEntry);
        }
        return n;
    }

    private static boolean isWritableInPlace(long entry) {
        return (entry & COPIED) != 0 && (entry & COMPRESSED) == 0 && (entry & OFFSET_MASK) != 0
                && (entry & ZERO_FLAG) == 0;
    }

    /** Copies the current content of guest bytes [guest, guest+length) to host offset {@code host}. */
    private void copyOld(long guest, int length, long host, boolean freshHost) throws BlockException {
        long inDisk = Math.max(0, Math.min(length, header.size - guest));
        if (freshHost && crypto == null && readsAsZero(guest, inDisk)) {
            return;
        }
        byte[] old = new byte[length];
        if (inDisk > 0) {
            read(guest, old, 0, (int) inDisk);
        }
        writeData(host, old, 0, length);
    }

    private boolean readsAsZero(long guest, long length) throws BlockException {
        long at = guest;
        while (at < guest + length) {
            lookup(at, guest + length - at);
            boolean zero = mapKind == ZERO || (mapKind == UNALLOCATED && (backing == null || at >= backing.size()));
            if (!zero) {
                return false;
            }
            at += mapLength;
        }
        return true;
    }

    /** Drops the reference an L2 entry held (data cluster or compressed sectors). */
    void releaseEntry(long entry) throws BlockException {
        if ((entry & COMPRESSED) != 0) {
            int shift = 62 - (clusterBits - 8);
            long host = entry & ((1L << shift) - 1) & ~511L;
            long sectors = ((entry & ~COPIED & ~COMPRESSED) >>> shift) + 1;
            long first = host >>> clusterBits;
            long last = (host + sectors * 512 - 1) >>> clusterBits;
            for (long c = first; c <= last; c++) {
                refcounts.adjust(c, -1);
            }
            return;
        }
        long host = entry & OFFSET_MASK;
        if (host != 0) {
            refcounts.adjust(host >>> clusterBits, -1);
        }
    }

    /** Makes L1 entry {@code l1Index} point to an L2 table only the active L1 uses; returns its offset. */
    long writableL2(int l1Index) throws BlockException {
        long entry = l1[l1Index];
        long offset = entry & OFFSET_MASK;
        if (offset != 0 && (entry & COPIED) != 0) {
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

    /** Writes within one cluster of an image with extended L2 entries; returns bytes done. */
    private int writeExtendedCluster(long offset, byte[] buffer, int pos, int length) throws BlockException {
        long cluster = offset >>> clusterBits;
        int inCluster = (int) (offset & (clusterSize - 1));
        int n = Math.min(length, clusterSize - inCluster);
        int l1Index = (int) (cluster >>> l2Bits);
        int index = (int) (cluster & (l2Entries - 1));
        long l2Offset = writableL2(l1Index);
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
            read(guestCluster + spanStart, span, 0, (int) Math.min(span.length, header.size - guestCluster - spanStart));
            System.arraycopy(buffer, pos, span, inCluster - spanStart, n);
            writeData(host + spanStart, span, 0, span.length);
            alloc = (bitmap & 0xffffffffL) | touched;
        } else {
            byte[] whole = new byte[clusterSize];
            read(guestCluster, whole, 0, (int) Math.min(clusterSize, header.size - guestCluster));
            System.arraycopy(buffer, pos, whole, inCluster, n);
            host = refcounts.allocate(1);
            writeData(host, whole, 0, clusterSize);
            alloc = (entry & COMPRESSED) != 0 ? 0xffffffffL : (bitmap & 0xffffffffL) | touched;
        }
        long zeros = (bitmap >>> 32) & ~alloc & 0xffffffffL;
        table[2 * index] = host | COPIED;
        table[2 * index + 1] = (zeros << 32) | alloc;
        l2.writeThrough(l2Offset, table, 2 * index, 2 * index + 2);
        if (!inPlace) {
            releaseEntry(entry);
        }
        return n;
    }

    @Override
    public synchronized void writeCompressed(long offset, byte[] buffer, int bufferOffset, int length)
            throws BlockException {
        checkRange(offset, length);
        checkWritable();
        if ((offset & (clusterSize - 1)) != 0 || (length != clusterSize && offset + length != header.size)) {
            throw new BlockException(name + ": compressed writes must cover one whole cluster (offset " + offset
                    + ", length " + length + ")");
        }
        lookup(offset, length);
        if (mapKind != UNALLOCATED && mapKind != ZERO) {
            throw new BlockException(name + ": compressed write at offset " + offset + " would overwrite an "
                    + "allocated cluster");
        }
        if (compressInput == null) {
            compressInput = new byte[clusterSize];
            compressOutput = new byte[clusterSize];
        }
        System.arraycopy(buffer, bufferOffset, compressInput, 0, length);
        Arrays.fill(compressInput, length, clusterSize, (byte) 0);
        if (encrypted()) {
            throw new BlockException(name + ": compression is not supported on encrypted images");
        }
        int size = extended ? -1 : codec.compress(compressInput, compressOutput, clusterSize - 1);
        if (size < 0) {
            write(offset, buffer, bufferOffset, length);
            return;
        }
        markDirtyIfLazy();
        long cluster = offset >>> clusterBits;
        long l2Offset = writableL2((int) (cluster >>> l2Bits));
        long host = packCompressed(size);
        file.write(host, compressOutput, 0, size);
        compressedEnd = host + size;
        int shift = 62 - (clusterBits - 8);
        long sectors = ((host + size - 1) >>> 9) - (host >>> 9);
        long[] table = l2.get(l2Offset);
        int index = (int) (cluster & (l2Entries - 1));
        long old = table[index * words];
        table[index * words] = COMPRESSED | (sectors << shift) | host;
        l2.writeThrough(l2Offset, table, index * words, index * words + 1);
        releaseEntry(old);
    }

    /**
     * Finds room for {@code size} compressed bytes right after the previous compressed cluster, spilling into the
     * next host cluster when that one is free, else at the start of a newly allocated cluster; takes a reference on
     * each host cluster the bytes touch.
     */
    private long packCompressed(int size) throws BlockException {
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
        checkWritable();
        markDirtyIfLazy();
        long at = offset;
        long end = offset + length;
        while (at < end) {
            int inCluster = (int) (at & (clusterSize - 1));
            long n = Math.min(end - at, clusterSize - inCluster);
            boolean whole = inCluster == 0 && (n == clusterSize || at + n == header.size);
            if (whole && clearCluster(at >>> clusterBits, mustReadZero)) {
                at += n;
                continue;
            }
            if (mustReadZero) {
                write(at, new byte[(int) n], 0, (int) n);
            }
            at += n;
        }
    }

    private boolean clearCluster(long cluster, boolean mustReadZero) throws BlockException {
        long newEntry;
        if (header.version == 3) {
            newEntry = extended ? 0 : ZERO_FLAG;
        } else if (backing == null) {
            newEntry = 0;
        } else {
            return false;
        }
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
        long l2Offset = writableL2(l1Index);
        long[] table = l2.get(l2Offset);
        long old = table[index * words];
        table[index * words] = newEntry;
        if (extended) {
            table[index * 2 + 1] = backing == null ? 0 : 0xffffffffL << 32;
        }
        l2.writeThrough(l2Offset, table, index * words, index * words + words);
        releaseEntry(old);
        return true;
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
        checkWritable();
        if (newSize % 512 != 0) {
            throw new BlockException(name + ": the new size " + newSize + " must be a multiple of 512");
        }
        if (newSize < header.size) {
            shrink(newSize);
        }
        long needed = Qcow2Header.l1EntriesFor(newSize, clusterBits, extended);
        if (needed * 8 > Qcow2Header.MAX_L1_BYTES) {
            throw new BlockException(name + ": size " + newSize + " is too large for cluster size " + clusterSize);
        }
        if (needed > l1.length) {
            growL1((int) needed);
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

    private void growL1(int entries) throws BlockException {
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

    // ---- status ----

    @Override
    public synchronized BlockStatus status(long offset, long maxLength) throws BlockException {
        long max = Math.min(maxLength, header.size - offset);
        lookup(offset, max);
        int kind = mapKind;
        long host = mapHost;
        long n = mapLength;
        while (n < max) {
            lookup(offset + n, max - n);
            if (mapKind != kind || kind == COMPRESSED_KIND || (kind == NORMAL && mapHost != host + n)) {
                break;
            }
            n += mapLength;
        }
        return switch (kind) {
            case NORMAL -> {
                long extent = file.extentAt(host, n);
                yield new BlockStatus(offset, Math.abs(extent), true, extent < 0, true, 0, host, false, name);
            }
            case ZERO -> new BlockStatus(offset, n, false, true, true, 0, -1, false, name);
            case COMPRESSED_KIND -> new BlockStatus(offset, n, true, false, true, 0, -1, true, name);
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
        checkWritable();
        new SnapshotOperations(this).create(snapshotName);
        file.sync();
    }

    @Override
    public synchronized void applySnapshot(String idOrName) throws BlockException {
        checkWritable();
        new SnapshotOperations(this).apply(idOrName);
        decompressedEntry = -1;
        file.sync();
    }

    @Override
    public synchronized void deleteSnapshot(String idOrName) throws BlockException {
        checkWritable();
        new SnapshotOperations(this).delete(idOrName);
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

    @Override
    public synchronized void setBacking(String backingFile, String backingFormat) throws BlockException {
        checkWritable();
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
        checkWritable();
        if (encrypted() || extended) {
            throw new BlockException(name + ": preallocation is not supported with encryption or extended L2");
        }
        new Preallocation(this).run(mode);
    }

    @Override
    public synchronized void amend(Map<String, String> options) throws BlockException {
        checkWritable();
        new Amendment(this).apply(options);
    }

    @Override
    public synchronized void deallocate(long offset, long length) throws BlockException {
        checkRange(offset, length);
        checkWritable();
        long first = (offset + clusterSize - 1) >>> clusterBits;
        long end = (offset + length) >>> clusterBits;
        if (offset + length == header.size) {
            end = (header.size + clusterSize - 1) >>> clusterBits;
        }
        for (long c = first; c < end; c++) {
            int l1Index = (int) (c >>> l2Bits);
            if ((l1[l1Index] & OFFSET_MASK) == 0) {
                c = ((long) (l1Index + 1) << l2Bits) - 1;
                continue;
            }
            long l2Offset = writableL2(l1Index);
            long[] table = l2.get(l2Offset);
            int index = (int) (c & (l2Entries - 1));
            long old = table[index * words];
            if (old != 0 || (extended && table[index * 2 + 1] != 0)) {
                table[index * words] = 0;
                if (extended) {
                    table[index * 2 + 1] = 0;
                }
                l2.writeThrough(l2Offset, table, index * words, index * words + words);
                releaseEntry(old);
            }
        }
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
                if (markedDirty) {
                    writeIncompatible(header.incompatible & ~Qcow2Header.INCOMPAT_DIRTY);
                }
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
