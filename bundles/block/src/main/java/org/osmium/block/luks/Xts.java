package org.osmium.block.luks;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** AES-XTS over 512-byte sectors with plain64 tweaks (the sector number, little-endian), as dm-crypt and QEMU use it. */
final class Xts {
    static final int SECTOR = 512;
    private final Cipher dataEncrypt;
    private final Cipher dataDecrypt;
    private final Cipher tweakCipher;
    private final byte[] tweak = new byte[16];
    private final byte[] block = new byte[16];

    /** {@code key} holds the data key then the tweak key, each half of it (32 + 32 bytes for AES-256). */
    Xts(byte[] key) throws GeneralSecurityException {
        int half = key.length / 2;
        SecretKeySpec dataKey = new SecretKeySpec(key, 0, half, "AES");
        SecretKeySpec tweakKey = new SecretKeySpec(key, half, half, "AES");
        dataEncrypt = Cipher.getInstance("AES/ECB/NoPadding");
        dataEncrypt.init(Cipher.ENCRYPT_MODE, dataKey);
        dataDecrypt = Cipher.getInstance("AES/ECB/NoPadding");
        dataDecrypt.init(Cipher.DECRYPT_MODE, dataKey);
        tweakCipher = Cipher.getInstance("AES/ECB/NoPadding");
        tweakCipher.init(Cipher.ENCRYPT_MODE, tweakKey);
    }

    /** Encrypts (or decrypts) whole sectors in place, the first being sector number {@code sector}. */
    void apply(boolean encrypt, long sector, byte[] data, int offset, int length) throws GeneralSecurityException {
        Cipher cipher = encrypt ? dataEncrypt : dataDecrypt;
        for (int s = 0; s < length / SECTOR; s++) {
            java.util.Arrays.fill(tweak, (byte) 0);
            long number = sector + s;
            for (int i = 0; i < 8; i++) {
                tweak[i] = (byte) (number >>> (8 * i));
            }
            tweakCipher.doFinal(tweak, 0, 16, tweak, 0);
            int base = offset + s * SECTOR;
            for (int b = 0; b < SECTOR; b += 16) {
                for (int i = 0; i < 16; i++) {
                    block[i] = (byte) (data[base + b + i] ^ tweak[i]);
                }
                cipher.doFinal(block, 0, 16, block, 0);
                for (int i = 0; i < 16; i++) {
                    data[base + b + i] = (byte) (block[i] ^ tweak[i]);
                }
                multiplyTweak();
            }
        }
    }

    /** Multiplies the tweak by x in GF(2^128) (little-endian, reduction polynomial 0x87). */
    private void multiplyTweak() {
        int carry = 0;
        for (int i = 0; i < 16; i++) {
            int b = tweak[i] & 0xff;
            tweak[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if (carry != 0) {
            tweak[0] ^= (byte) 0x87;
        }
    }
}
