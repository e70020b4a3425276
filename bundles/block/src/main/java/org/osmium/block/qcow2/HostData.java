package org.osmium.block.qcow2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;
import org.osmium.block.luks.LuksVolume;

/** Guest data at host offsets, read and written plainly or through the unlocked LUKS volume of the image. */
final class HostData {
    private final ImageFile file;
    private final Qcow2Header header;
    private final String name;
    /** The unlocked LUKS volume of an encrypted image, or null (unencrypted, or opened without a passphrase). */
    private final LuksVolume crypto;

    HostData(ImageFile file, Qcow2Header header, LuksVolume crypto) {
        this.file = file;
        this.header = header;
        this.name = file.path().toString();
        this.crypto = crypto;
    }

    /** Unlocks the LUKS volume of an encrypted image with {@code passphrase}; null when there is nothing to unlock. */
    static LuksVolume unlock(ImageFile file, Qcow2Header header, String passphrase) throws BlockException {
        if (header.cryptMethod != 2 || passphrase == null) {
            return null;
        }
        long areaEnd = header.cryptoOffset + header.cryptoLength;
        if (header.cryptoOffset % header.clusterSize() != 0 || header.cryptoLength < LuksVolume.HEADER_BYTES
                || areaEnd > file.length() || areaEnd < 0) {
            throw new BlockException(file.path() + ": encryption header (offset 0x"
                    + Long.toHexString(header.cryptoOffset) + ", " + header.cryptoLength + " bytes) is invalid");
        }
        return LuksVolume.unlock((offset, buffer) -> {
            if (offset < 0 || offset + buffer.length > header.cryptoLength) {
                throw new BlockException(file.path() + ": LUKS key material lies outside the encryption header");
            }
            file.read(header.cryptoOffset + offset, buffer, 0, buffer.length);
        }, passphrase.getBytes(StandardCharsets.UTF_8), file.path().toString());
    }

    boolean encrypted() {
        return header.cryptMethod != 0;
    }

    /** True when data goes through a cipher, so even zero guest bytes must be written. */
    boolean ciphered() {
        return crypto != null;
    }

    /** The LUKS header's facts, as qemu-img info shows them under "encrypt". */
    Map<String, Object> describe() throws BlockException {
        return LuksVolume.describe(this::readCryptoArea, name);
    }

    private void readCryptoArea(long offset, byte[] buffer) throws BlockException {
        if (offset < 0 || offset + buffer.length > header.cryptoLength) {
            throw new BlockException(name + ": read outside the encryption header");
        }
        file.read(header.cryptoOffset + offset, buffer, 0, buffer.length);
    }

    /** Reads guest data stored at host offset {@code host}, decrypting it for an encrypted image. */
    void read(long host, byte[] buffer, int pos, int length) throws BlockException {
        requireKey();
        file.read(host, buffer, pos, length);
        if (crypto != null) {
            crypto.decrypt(host, buffer, pos, length);
        }
    }

    /** Writes guest data to host offset {@code host}, encrypting a copy of it for an encrypted image. */
    void write(long host, byte[] buffer, int pos, int length) throws BlockException {
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
}
