package org.osmium.block.luks;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** PBKDF2 with HMAC-SHA256 over raw bytes (the JDK's PBEKeySpec only takes characters). */
final class Pbkdf2 {
    private Pbkdf2() {
    }

    static byte[] derive(byte[] password, byte[] salt, int iterations, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] u = new byte[32];
        byte[] t = new byte[32];
        for (int blockIndex = 1, done = 0; done < length; blockIndex++) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (blockIndex >>> 24), (byte) (blockIndex >>> 16), (byte) (blockIndex >>> 8),
                (byte) blockIndex});
            mac.doFinal(u, 0);
            System.arraycopy(u, 0, t, 0, 32);
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < 32; j++) {
                    t[j] ^= u[j];
                }
            }
            int n = Math.min(32, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** How many iterations take about {@code millis} milliseconds here. */
    static int iterationsFor(int millis) throws GeneralSecurityException {
        int probe = 20_000;
        long start = System.nanoTime();
        derive(new byte[] {1}, new byte[32], probe, 32);
        double perMilli = probe / Math.max(0.001, (System.nanoTime() - start) / 1e6);
        return (int) Math.min(Integer.MAX_VALUE, (long) (perMilli * millis));
    }
}
