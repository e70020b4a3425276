package org.osmium.block.luks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osmium.block.BlockException;

/**
 * A LUKS1 header as QEMU writes it into qcow2 (aes-256 xts-plain64, sha256, 8 key slots of 4000 stripes): unlocked
 * with a passphrase it encrypts and decrypts data sectors, tweaked by their host sector number.
 */
public final class LuksVolume {
    /** Bytes of the LUKS1 header proper. */
    public static final int HEADER_BYTES = 592;
    private static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
    private static final int KEY_BYTES = 64;
    private static final int STRIPES = 4000;
    private static final int SLOTS = 8;
    private static final int SLOT_ACTIVE = 0x00AC71F3;
    private static final int SLOT_INACTIVE = 0x0000DEAD;
    private static final int DIGEST_BYTES = 20;
    private static final int SALT_BYTES = 32;
    private static final int FIRST_MATERIAL_SECTOR = 8;
    private static final int SLOT_SECTORS = 504;
    private static final int MIN_ITERATIONS = 1000;

    /** Reads bytes of the encryption area, relative to its start. */
    @FunctionalInterface
    public interface AreaReader {
        void read(long offset, byte[] buffer) throws BlockException;
    }

    private final Xts xts;

    private LuksVolume(byte[] masterKey) throws GeneralSecurityException {
        this.xts = new Xts(masterKey);
    }

    /** Bytes the encryption area of a new volume takes (header, key material of 8 slots): QEMU's payload offset. */
    public static long areaBytes() {
        return (FIRST_MATERIAL_SECTOR + (long) SLOTS * SLOT_SECTORS) * Xts.SECTOR;
    }

    /** Opens the volume whose area {@code area} reads, trying every active key slot with {@code passphrase}. */
    public static LuksVolume unlock(AreaReader area, byte[] passphrase, String fileName) throws BlockException {
        byte[] header = new byte[HEADER_BYTES];
        area.read(0, header);
        ByteBuffer h = ByteBuffer.wrap(header);
        if (!Arrays.equals(Arrays.copyOf(header, 6), MAGIC) || h.getShort(6) != 1) {
            throw new BlockException(fileName + ": encryption header is not LUKS version 1");
        }
        String cipher = text(header, 8, 32);
        String mode = text(header, 40, 32);
        String hash = text(header, 72, 32);
        int keyBytes = h.getInt(108);
        if (!cipher.equals("aes") || !mode.equals("xts-plain64") || !hash.equals("sha256") || keyBytes != KEY_BYTES) {
            throw new BlockException(fileName + ": unsupported LUKS cipher " + cipher + "-" + mode + " with " + hash
                    + " and " + keyBytes * 8 + "-bit keys (supported: aes-xts-plain64, sha256, 512-bit)");
        }
        byte[] digest = Arrays.copyOfRange(header, 112, 112 + DIGEST_BYTES);
        byte[] digestSalt = Arrays.copyOfRange(header, 132, 132 + SALT_BYTES);
        int digestIterations = h.getInt(164);
        try {
            for (int slot = 0; slot < SLOTS; slot++) {
                int at = 208 + slot * 48;
                if (h.getInt(at) != SLOT_ACTIVE) {
                    continue;
                }
                int iterations = h.getInt(at + 4);
                byte[] salt = Arrays.copyOfRange(header, at + 8, at + 8 + SALT_BYTES);
                long materialSector = Integer.toUnsignedLong(h.getInt(at + 40));
                int stripes = h.getInt(at + 44);
                if (stripes <= 0 || stripes > 100_000 || iterations <= 0) {
                    throw new BlockException(fileName + ": LUKS key slot " + slot + " is damaged");
                }
                byte[] slotKey = Pbkdf2.derive(passphrase, salt, iterations, keyBytes);
                byte[] material = new byte[(stripes * keyBytes + Xts.SECTOR - 1) / Xts.SECTOR * Xts.SECTOR];
                area.read(materialSector * Xts.SECTOR, material);
                new Xts(slotKey).apply(false, 0, material, 0, material.length);
                byte[] masterKey = merge(material, keyBytes, stripes);
                byte[] check = Pbkdf2.derive(masterKey, digestSalt, digestIterations, DIGEST_BYTES);
                if (MessageDigest.isEqual(check, digest)) {
                    return new LuksVolume(masterKey);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new BlockException(fileName + ": LUKS key derivation failed: " + e.getMessage(), e);
        }
        throw new BlockException(fileName + ": invalid password, cannot unlock any LUKS key slot");
    }

    /** The header facts qemu-img info shows under "encrypt", in its order (no passphrase needed). */
    public static Map<String, Object> describe(AreaReader area, String fileName) throws BlockException {
        byte[] header = new byte[HEADER_BYTES];
        area.read(0, header);
        ByteBuffer h = ByteBuffer.wrap(header);
        if (!Arrays.equals(Arrays.copyOf(header, 6), MAGIC)) {
            throw new BlockException(fileName + ": encryption header is not LUKS");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        String mode = text(header, 40, 32);
        int dash = mode.indexOf('-');
        facts.put("ivgen-alg", dash < 0 ? "" : mode.substring(dash + 1));
        facts.put("hash-alg", text(header, 72, 32));
        facts.put("cipher-alg", text(header, 8, 32) + "-" + h.getInt(108) * 8 / 2);
        facts.put("uuid", text(header, 168, 40));
        facts.put("format", "luks");
        facts.put("cipher-mode", dash < 0 ? mode : mode.substring(0, dash));
        List<Object> slots = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            int at = 208 + slot * 48;
            Map<String, Object> entry = new LinkedHashMap<>();
            boolean active = h.getInt(at) == SLOT_ACTIVE;
            entry.put("active", active);
            if (active) {
                entry.put("iters", Integer.toUnsignedLong(h.getInt(at + 4)));
            }
            entry.put("key-offset", Integer.toUnsignedLong(h.getInt(at + 40)) * Xts.SECTOR);
            if (active) {
                entry.put("stripes", Integer.toUnsignedLong(h.getInt(at + 44)));
            }
            slots.add(entry);
        }
        facts.put("slots", slots);
        facts.put("payload-offset", Integer.toUnsignedLong(h.getInt(104)) * Xts.SECTOR);
        facts.put("master-key-iters", Integer.toUnsignedLong(h.getInt(164)));
        return facts;
    }

    /**
     * Builds the encryption area of a new volume (header and key slot 0 protected by {@code passphrase}, PBKDF2
     * iterations taking about {@code iterTimeMillis}); returns the area bytes.
     */
    public static byte[] create(byte[] passphrase, int iterTimeMillis) throws BlockException {
        try {
            SecureRandom random = new SecureRandom();
            byte[] masterKey = new byte[KEY_BYTES];
            random.nextBytes(masterKey);
            int iterations = Math.max(MIN_ITERATIONS, Pbkdf2.iterationsFor(iterTimeMillis));
            int digestIterations = Math.max(MIN_ITERATIONS, iterations / 8);
            byte[] digestSalt = new byte[SALT_BYTES];
            random.nextBytes(digestSalt);
            byte[] slotSalt = new byte[SALT_BYTES];
            random.nextBytes(slotSalt);
            ByteBuffer area = ByteBuffer.allocate((int) areaBytes());
            area.put(MAGIC).putShort((short) 1);
            putText(area, 8, "aes", 32);
            putText(area, 40, "xts-plain64", 32);
            putText(area, 72, "sha256", 32);
            area.putInt(104, (int) (areaBytes() / Xts.SECTOR)).putInt(108, KEY_BYTES);
            area.put(112, Pbkdf2.derive(masterKey, digestSalt, digestIterations, DIGEST_BYTES));
            area.put(132, digestSalt).putInt(164, digestIterations);
            putText(area, 168, UUID.randomUUID().toString(), 40);
            for (int slot = 0; slot < SLOTS; slot++) {
                int at = 208 + slot * 48;
                area.putInt(at, slot == 0 ? SLOT_ACTIVE : SLOT_INACTIVE).putInt(at + 4, slot == 0 ? iterations : 0);
                if (slot == 0) {
                    area.put(at + 8, slotSalt);
                }
                area.putInt(at + 40, FIRST_MATERIAL_SECTOR + slot * SLOT_SECTORS).putInt(at + 44, STRIPES);
            }
            byte[] material = split(masterKey, STRIPES, random);
            new Xts(Pbkdf2.derive(passphrase, slotSalt, iterations, KEY_BYTES)).apply(true, 0, material, 0,
                    material.length);
            area.put(FIRST_MATERIAL_SECTOR * Xts.SECTOR, material);
            return area.array();
        } catch (GeneralSecurityException e) {
            throw new BlockException("LUKS key setup failed: " + e.getMessage(), e);
        }
    }

    /** Encrypts whole sectors in place; {@code hostOffset} is where they lie in the image file. */
    public void encrypt(long hostOffset, byte[] data, int offset, int length) throws BlockException {
        crypt(true, hostOffset, data, offset, length);
    }

    /** Decrypts whole sectors in place; {@code hostOffset} is where they lie in the image file. */
    public void decrypt(long hostOffset, byte[] data, int offset, int length) throws BlockException {
        crypt(false, hostOffset, data, offset, length);
    }

    private void crypt(boolean encrypt, long hostOffset, byte[] data, int offset, int length) throws BlockException {
        if (hostOffset % Xts.SECTOR != 0 || length % Xts.SECTOR != 0) {
            throw new BlockException("encrypted I/O must cover whole 512-byte sectors (host offset " + hostOffset
                    + ", length " + length + ")");
        }
        try {
            xts.apply(encrypt, hostOffset / Xts.SECTOR, data, offset, length);
        } catch (GeneralSecurityException e) {
            throw new BlockException("AES-XTS failed: " + e.getMessage(), e);
        }
    }

    /** The anti-forensic split of {@code key} into {@code stripes} stripes (LUKS AFsplit). */
    private static byte[] split(byte[] key, int stripes, SecureRandom random) throws GeneralSecurityException {
        int n = key.length;
        byte[] out = new byte[(stripes * n + Xts.SECTOR - 1) / Xts.SECTOR * Xts.SECTOR];
        byte[] block = new byte[n];
        for (int i = 0; i < stripes - 1; i++) {
            byte[] stripe = new byte[n];
            random.nextBytes(stripe);
            System.arraycopy(stripe, 0, out, i * n, n);
            for (int j = 0; j < n; j++) {
                block[j] ^= stripe[j];
            }
            diffuse(block);
        }
        for (int j = 0; j < n; j++) {
            out[(stripes - 1) * n + j] = (byte) (block[j] ^ key[j]);
        }
        return out;
    }

    /** Recovers the key from its stripes (LUKS AFmerge). */
    private static byte[] merge(byte[] material, int n, int stripes) throws GeneralSecurityException {
        byte[] block = new byte[n];
        for (int i = 0; i < stripes - 1; i++) {
            for (int j = 0; j < n; j++) {
                block[j] ^= material[i * n + j];
            }
            diffuse(block);
        }
        for (int j = 0; j < n; j++) {
            block[j] ^= material[(stripes - 1) * n + j];
        }
        return block;
    }

    private static void diffuse(byte[] block) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int digest = 32;
        for (int i = 0, index = 0; i < block.length; i += digest, index++) {
            int n = Math.min(digest, block.length - i);
            sha.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
            sha.update(block, i, n);
            System.arraycopy(sha.digest(), 0, block, i, n);
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void putText(ByteBuffer area, int offset, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        area.put(offset, bytes, 0, Math.min(bytes.length, length - 1));
    }
}
