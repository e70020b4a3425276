package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** The qcow2 header and its extensions: read and validated from cluster 0, or encoded to be written there. */
final class Qcow2Header {
    static final int MAGIC = 0x514649fb;
    static final int V2_LENGTH = 72;
    static final int V3_LENGTH = 112;
    static final long INCOMPAT_DIRTY = 1;
    static final long INCOMPAT_CORRUPT = 2;
    static final long INCOMPAT_DATA_FILE = 4;
    static final long INCOMPAT_COMPRESSION = 8;
    static final long INCOMPAT_EXTL2 = 16;
    static final long INCOMPAT_KNOWN = 31;
    static final long COMPAT_LAZY_REFCOUNTS = 1;
    static final int EXT_END = 0;
    static final int EXT_BACKING_FORMAT = 0xe2792aca;
    static final int EXT_FEATURE_NAMES = 0x6803f857;
    static final int EXT_BITMAPS = 0x23852875;
    static final int EXT_CRYPTO = 0x0537be77;
    static final int EXT_DATA_FILE = 0x44415441;
    static final int MAX_BACKING_NAME = 1023;
    static final long MAX_L1_BYTES = 32L << 20;
    static final long MAX_REFTABLE_BYTES = 8L << 20;
    /** Offsets of header fields that are rewritten alone. */
    static final int OFFSET_L1_SIZE = 36;
    static final int OFFSET_REFTABLE = 48;
    static final int OFFSET_SNAPSHOTS = 60;
    static final int OFFSET_INCOMPAT = 72;

    int version;
    long backingFileOffset;
    int backingFileSize;
    int clusterBits;
    long size;
    int cryptMethod;
    int l1Size;
    long l1TableOffset;
    long refcountTableOffset;
    int refcountTableClusters;
    int nbSnapshots;
    long snapshotsOffset;
    long incompatible;
    long compatible;
    long autoclear;
    int refcountOrder = 4;
    int headerLength = V2_LENGTH;
    int compressionType;
    String backingFile;
    String backingFormat;
    long cryptoOffset;
    long cryptoLength;
    final List<byte[]> unknownExtensions = new ArrayList<>();

    /** Reads and validates the header of {@code file}; every error names the file and the field. */
    static Qcow2Header read(ImageFile file) throws BlockException {
        String name = file.path().toString();
        long fileLength = file.length();
        byte[] first = new byte[V3_LENGTH];
        file.read(0, first, 0, first.length);
        ByteBuffer b = ByteBuffer.wrap(first);
        Qcow2Header h = new Qcow2Header();
        if (b.getInt(0) != MAGIC) {
            throw new BlockException(name + ": not a qcow2 image (bad magic)");
        }
        h.version = b.getInt(4);
        if (h.version != 2 && h.version != 3) {
            throw new BlockException(name + ": unsupported qcow2 version " + h.version);
        }
        h.backingFileOffset = b.getLong(8);
        h.backingFileSize = b.getInt(16);
        h.clusterBits = b.getInt(20);
        if (h.clusterBits < 9 || h.clusterBits > 21) {
            throw new BlockException(name + ": unsupported cluster size: 2^" + h.clusterBits
                    + " (cluster_bits must be 9..21)");
        }
        long clusterSize = 1L << h.clusterBits;
        h.size = b.getLong(24);
        h.cryptMethod = b.getInt(32);
        h.l1Size = b.getInt(36);
        h.l1TableOffset = b.getLong(40);
        h.refcountTableOffset = b.getLong(48);
        h.refcountTableClusters = b.getInt(56);
        h.nbSnapshots = b.getInt(60);
        h.snapshotsOffset = b.getLong(64);
        if (h.version == 3) {
            h.incompatible = b.getLong(72);
            h.compatible = b.getLong(80);
            h.autoclear = b.getLong(88);
            h.refcountOrder = b.getInt(96);
            h.headerLength = b.getInt(100);
            if (h.headerLength < 104 || h.headerLength % 8 != 0 || h.headerLength > clusterSize) {
                throw new BlockException(name + ": invalid header_length " + Integer.toUnsignedString(h.headerLength));
            }
            if (h.headerLength > 104) {
                h.compressionType = first[104] & 0xff;
            }
        }
        h.validate(name, clusterSize, fileLength);
        byte[] cluster0 = new byte[(int) clusterSize];
        file.read(0, cluster0, 0, cluster0.length);
        h.readExtensions(name, ByteBuffer.wrap(cluster0));
        return h;
    }

    private void validate(String name, long clusterSize, long fileLength) throws BlockException {
        if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
            throw new BlockException(name + ": external data files (incompatible feature 'external data file') "
                    + "are not supported");
        }
        long unknown = incompatible & ~INCOMPAT_KNOWN;
        if (unknown != 0) {
            throw new BlockException(name + ": unsupported incompatible qcow2 features 0x" + Long.toHexString(unknown));
        }
        if (refcountOrder < 0 || refcountOrder > 6) {
            throw new BlockException(name + ": invalid refcount_order " + refcountOrder + " (must be 0..6)");
        }
        if (size < 0) {
            throw new BlockException(name + ": invalid virtual size " + Long.toUnsignedString(size));
        }
        if (cryptMethod == 1) {
            throw new BlockException(name + ": legacy AES encryption (crypt_method 1) is not supported");
        }
        if (cryptMethod != 0 && cryptMethod != 2) {
            throw new BlockException(name + ": invalid crypt_method " + cryptMethod);
        }
        if (compressionType > 1) {
            throw new BlockException(name + ": unknown compression_type " + compressionType);
        }
        if ((compressionType != 0) != ((incompatible & INCOMPAT_COMPRESSION) != 0)) {
            throw new BlockException(name + ": compression_type " + compressionType
                    + " disagrees with the 'compression type' incompatible feature bit");
        }
        if ((incompatible & INCOMPAT_EXTL2) != 0 && clusterBits < 14) {
            throw new BlockException(name + ": extended L2 entries need clusters of at least 16 KiB");
        }
        long l1Bytes = Integer.toUnsignedLong(l1Size) * 8;
        if (l1Bytes > MAX_L1_BYTES) {
            throw new BlockException(name + ": L1 table of " + Integer.toUnsignedString(l1Size)
                    + " entries is too large (at most " + MAX_L1_BYTES / 8 + ")");
        }
        long needed = l1EntriesFor(size, clusterBits, (incompatible & INCOMPAT_EXTL2) != 0);
        if (needed > MAX_L1_BYTES / 8) {
            throw new BlockException(name + ": virtual size " + size + " is too large for cluster size "
                    + clusterSize);
        }
        if (Integer.toUnsignedLong(l1Size) < needed) {
            throw new BlockException(name + ": L1 table of " + l1Size + " entries is too small for virtual size "
                    + size + " (needs " + needed + ")");
        }
        checkTable(name, "L1 table", l1TableOffset, l1Bytes, clusterSize, fileLength);
        long refBytes = Integer.toUnsignedLong(refcountTableClusters) * clusterSize;
        if (refcountTableClusters == 0 || refBytes > MAX_REFTABLE_BYTES) {
            throw new BlockException(name + ": invalid refcount table size of "
                    + Integer.toUnsignedString(refcountTableClusters) + " clusters");
        }
        checkTable(name, "refcount table", refcountTableOffset, refBytes, clusterSize, fileLength);
        if (nbSnapshots < 0 || nbSnapshots > 65536) {
            throw new BlockException(name + ": too many snapshots (" + Integer.toUnsignedString(nbSnapshots) + ")");
        }
        if (nbSnapshots > 0) {
            checkTable(name, "snapshot table", snapshotsOffset, 40L * nbSnapshots, clusterSize, fileLength);
        }
        if (backingFileOffset != 0) {
            if (backingFileSize < 0 || backingFileSize > MAX_BACKING_NAME) {
                throw new BlockException(name + ": backing file name of " + Integer.toUnsignedString(backingFileSize)
                        + " bytes is too long (at most " + MAX_BACKING_NAME + ")");
            }
            if (backingFileOffset < 0 || backingFileOffset + backingFileSize > clusterSize) {
                throw new BlockException(name + ": backing file name at offset " + backingFileOffset
                        + " lies outside the first cluster");
            }
        }
    }

    private static void checkTable(String name, String what, long offset, long bytes, long clusterSize,
                                   long fileLength) throws BlockException {
        if (offset <= 0 || offset % clusterSize != 0) {
            throw new BlockException(name + ": " + what + " offset 0x" + Long.toHexString(offset)
                    + " is not a non-zero multiple of the cluster size");
        }
        if (offset > fileLength || bytes > fileLength - offset + clusterSize) {
            throw new BlockException(name + ": " + what + " at 0x" + Long.toHexString(offset) + " (" + bytes
                    + " bytes) lies past the end of the file (" + fileLength + " bytes)");
        }
    }

    private void readExtensions(String name, ByteBuffer c) throws BlockException {
        int end = backingFileOffset != 0 ? (int) backingFileOffset : c.capacity();
        int at = version == 2 ? V2_LENGTH : headerLength;
        boolean seenBackingFormat = false;
        while (at + 8 <= end) {
            int type = c.getInt(at);
            long length = Integer.toUnsignedLong(c.getInt(at + 4));
            if (type == EXT_END) {
                break;
            }
            if (at + 8 + length > end) {
                throw new BlockException(name + ": header extension 0x" + Integer.toHexString(type)
                        + " at offset " + at + " runs past the end of the header area");
            }
            byte[] data = new byte[(int) length];
            c.get(at + 8, data);
            switch (type) {
                case EXT_BACKING_FORMAT -> {
                    if (seenBackingFormat) {
                        throw new BlockException(name + ": backing format extension appears twice");
                    }
                    seenBackingFormat = true;
                    backingFormat = new String(data, StandardCharsets.UTF_8);
                }
                case EXT_CRYPTO -> {
                    if (length < 16) {
                        throw new BlockException(name + ": encryption header extension is too short");
                    }
                    ByteBuffer d = ByteBuffer.wrap(data);
                    cryptoOffset = d.getLong(0);
                    cryptoLength = d.getLong(8);
                }
                case EXT_DATA_FILE -> throw new BlockException(name + ": external data files are not supported");
                case EXT_FEATURE_NAMES -> {
                    // regenerated on every header write
                }
                default -> unknownExtensions.add(ByteBuffer.allocate(8 + data.length).putInt(type)
                        .putInt(data.length).put(data).array());
            }
            at += 8 + (int) ((length + 7) & ~7L);
        }
        if (backingFileOffset != 0) {
            byte[] nameBytes = new byte[backingFileSize];
            c.get((int) backingFileOffset, nameBytes);
            backingFile = new String(nameBytes, StandardCharsets.UTF_8);
        }
        if (cryptMethod == 2 && cryptoOffset == 0) {
            throw new BlockException(name + ": LUKS-encrypted image without its encryption header extension");
        }
    }

    /** The number of L1 entries a disk of {@code size} bytes needs. */
    static long l1EntriesFor(long size, int clusterBits, boolean extendedL2) {
        int l2Bits = clusterBits - (extendedL2 ? 4 : 3);
        long clusters = (size + (1L << clusterBits) - 1) >>> clusterBits;
        return (clusters + (1L << l2Bits) - 1) >>> l2Bits;
    }

    /** Encodes the header, its extensions and the backing file name as cluster 0 holds them. */
    byte[] encode(String name) throws BlockException {
        int clusterSize = 1 << clusterBits;
        ByteBuffer b = ByteBuffer.allocate(clusterSize);
        int length = version == 2 ? V2_LENGTH : headerLength;
        b.putInt(MAGIC).putInt(version).putLong(0).putInt(0).putInt(clusterBits).putLong(size).putInt(cryptMethod)
                .putInt(l1Size).putLong(l1TableOffset).putLong(refcountTableOffset).putInt(refcountTableClusters)
                .putInt(nbSnapshots).putLong(snapshotsOffset);
        if (version == 3) {
            b.putLong(incompatible).putLong(compatible).putLong(autoclear).putInt(refcountOrder).putInt(length);
            if (length > 104) {
                b.put((byte) compressionType);
            }
        }
        b.position(length);
        if (backingFormat != null) {
            putExtension(b, EXT_BACKING_FORMAT, backingFormat.getBytes(StandardCharsets.UTF_8), name);
        }
        if (cryptMethod == 2) {
            putExtension(b, EXT_CRYPTO, ByteBuffer.allocate(16).putLong(cryptoOffset).putLong(cryptoLength).array(),
                    name);
        }
        if (version == 3 && clusterSize > 4096) {
            putExtension(b, EXT_FEATURE_NAMES, featureNameTable(), name);
        }
        for (byte[] extension : unknownExtensions) {
            ensureRoom(b, extension.length + 8, name);
            b.put(extension);
            b.position((b.position() + 7) & ~7);
        }
        ensureRoom(b, 8, name);
        b.putInt(EXT_END).putInt(0);
        if (backingFile != null) {
            byte[] nameBytes = backingFile.getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > MAX_BACKING_NAME) {
                throw new BlockException(name + ": backing file name is longer than " + MAX_BACKING_NAME + " bytes");
            }
            ensureRoom(b, nameBytes.length, name);
            backingFileOffset = b.position();
            backingFileSize = nameBytes.length;
            b.put(nameBytes);
        } else {
            backingFileOffset = 0;
            backingFileSize = 0;
        }
        int used = b.position();
        b.putLong(8, backingFileOffset).putInt(16, backingFileSize);
        byte[] out = new byte[used];
        b.get(0, out);
        return out;
    }

    private static void putExtension(ByteBuffer b, int type, byte[] data, String name) throws BlockException {
        ensureRoom(b, 8 + data.length + 8, name);
        b.putInt(type).putInt(data.length).put(data);
        b.position((b.position() + 7) & ~7);
    }

    private static void ensureRoom(ByteBuffer b, int bytes, String name) throws BlockException {
        if (b.remaining() < bytes) {
            throw new BlockException(name + ": header and extensions do not fit in the first cluster");
        }
    }

    private static byte[] featureNameTable() {
        String[][] features = {
            {"0", "0", "dirty bit"}, {"0", "1", "corrupt bit"}, {"0", "2", "external data file"},
            {"0", "3", "compression type"}, {"0", "4", "extended L2 entries"}, {"1", "0", "lazy refcounts"},
            {"2", "0", "bitmaps"}, {"2", "1", "raw external data"},
        };
        ByteBuffer table = ByteBuffer.allocate(48 * features.length);
        for (int i = 0; i < features.length; i++) {
            table.position(48 * i);
            table.put((byte) Integer.parseInt(features[i][0])).put((byte) Integer.parseInt(features[i][1]))
                    .put(features[i][2].getBytes(StandardCharsets.US_ASCII));
        }
        return table.array();
    }

    int clusterSize() {
        return 1 << clusterBits;
    }

    boolean extendedL2() {
        return (incompatible & INCOMPAT_EXTL2) != 0;
    }

    /**
     * The bitmaps extension's directory (offset, size in bytes) when the image carries persistent bitmaps that are
     * consistent (autoclear bit 0 set), else null.
     */
    long[] bitmapDirectory() {
        if ((autoclear & 1) == 0) {
            return null;
        }
        for (byte[] extension : unknownExtensions) {
            ByteBuffer e = ByteBuffer.wrap(extension);
            if (e.getInt(0) == EXT_BITMAPS && extension.length >= 8 + 24) {
                return new long[] {e.getLong(8 + 16), e.getLong(8 + 8)};
            }
        }
        return null;
    }
}
