package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.ByteSizes;
import org.osmium.block.file.ImageFile;
import org.osmium.block.luks.LuksVolume;

/**
 * Creates empty qcow2 images laid out as qemu-img lays them out: header, refcount table, one refcount block,
 * then the L1 table.
 */
public final class Qcow2Creator {
    /** The -o options qcow2 accepts. */
    public static final Set<String> OPTIONS = Set.of("cluster_size", "compat", "lazy_refcounts", "refcount_bits",
            "compression_type", "extended_l2", "backing_file", "backing_fmt", "preallocation", "encrypt.format",
            "encrypt.key-secret", "encrypt.iter-time", "encrypt.cipher-alg", "encrypt.cipher-mode", "encrypt.ivgen-alg",
            "encrypt.hash-alg");

    private Qcow2Creator() {
    }

    /** Writes a new empty image of {@code size} bytes into {@code file} with the given -o options. */
    public static void create(ImageFile file, long size, Map<String, String> options, Map<String, byte[]> secrets)
            throws BlockException {
        String name = file.path().toString();
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new BlockException(name + ": invalid parameter '" + key + "' for format qcow2");
            }
        }
        Qcow2Header h = new Qcow2Header();
        String compat = options.getOrDefault("compat", "1.1");
        h.version = switch (compat) {
            case "0.10", "v2" -> 2;
            case "1.1", "v3" -> 3;
            default -> throw new BlockException(name + ": invalid compat value '" + compat + "' (0.10 or 1.1)");
        };
        long clusterSize = ByteSizes.parse(options.getOrDefault("cluster_size", "64k"), "option cluster_size");
        if (clusterSize < 512 || clusterSize > (2 << 20) || Long.bitCount(clusterSize) != 1) {
            throw new BlockException(name + ": cluster size must be a power of two between 512 and 2M");
        }
        h.clusterBits = Long.numberOfTrailingZeros(clusterSize);
        int refcountBits = Integer.parseInt(options.getOrDefault("refcount_bits", "16"));
        if (Integer.bitCount(refcountBits) != 1 || refcountBits > 64) {
            throw new BlockException(name + ": refcount_bits must be a power of two up to 64, not " + refcountBits);
        }
        if (h.version == 2 && refcountBits != 16) {
            throw new BlockException(name + ": different refcount widths than 16 bits require compatibility level "
                    + "1.1 or above (use compat=1.1 or greater)");
        }
        h.refcountOrder = Integer.numberOfTrailingZeros(refcountBits);
        if (flag(options, "lazy_refcounts", name)) {
            requireV3(h, "lazy refcounts", name);
            h.compatible |= Qcow2Header.COMPAT_LAZY_REFCOUNTS;
        }
        if (flag(options, "extended_l2", name)) {
            requireV3(h, "extended L2 entries", name);
            if (clusterSize < 16384) {
                throw new BlockException(name + ": extended_l2=on requires cluster_size of at least 16k");
            }
            h.incompatible |= Qcow2Header.INCOMPAT_EXTL2;
        }
        String compression = options.getOrDefault("compression_type", "zlib");
        switch (compression) {
            case "zlib" -> h.compressionType = 0;
            case "zstd" -> {
                requireV3(h, "compression_type=zstd", name);
                h.compressionType = 1;
                h.incompatible |= Qcow2Header.INCOMPAT_COMPRESSION;
            }
            default -> throw new BlockException(name + ": unknown compression_type '" + compression + "'");
        }
        h.headerLength = h.version == 3 ? Qcow2Header.V3_LENGTH : Qcow2Header.V2_LENGTH;
        h.size = size;
        h.backingFile = options.get("backing_file");
        h.backingFormat = h.backingFile == null ? null : options.get("backing_fmt");
        long l1Entries = Qcow2Header.l1EntriesFor(size, h.clusterBits, h.extendedL2());
        if (l1Entries * 8 > Qcow2Header.MAX_L1_BYTES) {
            throw new BlockException(name + ": image size " + size + " is too big for cluster size " + clusterSize);
        }
        int cs = (int) clusterSize;
        h.refcountTableOffset = cs;
        h.refcountTableClusters = 1;
        h.l1Size = 0;
        h.l1TableOffset = 3L * cs;
        file.setLength(0);
        byte[] headerBytes = h.encode(name);
        file.write(0, headerBytes, 0, headerBytes.length);
        file.write(cs, ByteBuffer.allocate(8).putLong(0, 2L * cs));
        byte[] block = new byte[cs];
        for (int c = 0; c < 3; c++) {
            Refcounts.setEntry(block, c, h.refcountOrder, 1);
        }
        file.write(2L * cs, block, 0, cs);
        Refcounts refcounts = new Refcounts(file, h, 4);
        int l1Bytes = (int) (l1Entries * 8);
        long l1Offset = l1Bytes == 0 ? 3L * cs : refcounts.allocate((l1Bytes + cs - 1) / cs);
        if (l1Bytes > 0) {
            file.write(l1Offset, new byte[l1Bytes], 0, l1Bytes);
        }
        h.l1Size = (int) l1Entries;
        h.l1TableOffset = l1Offset;
        byte[] passphrase = encryption(options, secrets, name);
        if (passphrase != null) {
            byte[] area = LuksVolume.create(passphrase, Integer.parseInt(options.getOrDefault("encrypt.iter-time",
                    "2000")));
            long areaOffset = refcounts.allocate((area.length + cs - 1) / cs);
            file.write(areaOffset, area, 0, area.length);
            h.cryptMethod = 2;
            h.cryptoOffset = areaOffset;
            h.cryptoLength = area.length;
        }
        headerBytes = h.encode(name);
        file.write(0, headerBytes, 0, headerBytes.length);
        file.sync();
    }

    /** The passphrase for encrypt.format=luks, or null without encryption; refuses what QEMU's LUKS would not do. */
    private static byte[] encryption(Map<String, String> options, Map<String, byte[]> secrets, String name)
            throws BlockException {
        String format = options.get("encrypt.format");
        if (format == null) {
            if (options.keySet().stream().anyMatch(k -> k.startsWith("encrypt."))) {
                throw new BlockException(name + ": encryption options need encrypt.format=luks");
            }
            return null;
        }
        if (!format.equals("luks")) {
            throw new BlockException(name + ": encrypt.format=" + format + " is not supported (only luks)");
        }
        checkOption(options, "encrypt.cipher-alg", "aes-256", name);
        checkOption(options, "encrypt.cipher-mode", "xts", name);
        checkOption(options, "encrypt.ivgen-alg", "plain64", name);
        checkOption(options, "encrypt.hash-alg", "sha256", name);
        String id = options.get("encrypt.key-secret");
        if (id == null) {
            throw new BlockException(name + ": encrypt.format=luks needs encrypt.key-secret naming a secret object");
        }
        byte[] secret = secrets.get(id);
        if (secret == null) {
            throw new BlockException(name + ": no secret object with id '" + id + "' (give it with --object secret,id="
                    + id + ",data=...)");
        }
        return secret;
    }

    private static void checkOption(Map<String, String> options, String key, String only, String name)
            throws BlockException {
        String value = options.getOrDefault(key, only);
        if (!value.equals(only)) {
            throw new BlockException(name + ": " + key + "=" + value + " is not supported (only " + only + ")");
        }
    }

    private static boolean flag(Map<String, String> options, String key, String name) throws BlockException {
        String value = options.getOrDefault(key, "off");
        return switch (value) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new BlockException(name + ": option " + key + " must be on or off, not '" + value + "'");
        };
    }

    private static void requireV3(Qcow2Header h, String feature, String name) throws BlockException {
        if (h.version < 3) {
            throw new BlockException(name + ": " + feature + " requires compat=1.1 or above");
        }
    }
}
