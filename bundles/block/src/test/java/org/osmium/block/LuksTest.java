package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LUKS-encrypted qcow2 (aes-xts-plain64, PBKDF2-SHA256) made by either tool is read and written by the other. */
class LuksTest {
    private static final String SECRET = "--object";
    private static final String SECRET_DEF = "secret,id=sec0,data=correct horse";

    private static String opts(Path image) {
        return "driver=qcow2,file.filename=" + image + ",encrypt.key-secret=sec0";
    }

    @Test
    void qemuMadeLuksImageReadsBackAndTakesOurWrites() throws Exception {
        Path dir = QemuTools.folder("luks-qemu");
        Path image = dir.resolve("enc.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", SECRET, SECRET_DEF, "-o",
                "encrypt.format=luks,encrypt.key-secret=sec0,encrypt.iter-time=10", image.toString(), "4M");
        QemuTools.ok("qemu-io", SECRET, SECRET_DEF, "--image-opts", "-c", "write -P 0x42 3000 70k", opts(image));
        ImgToolTest.sameAsQemu(dir, "info", "@enc.qcow2");
        ImgToolTest.sameAsQemu(dir, "info", "--output=json", "@enc.qcow2");
        byte[] expected = new byte[4 << 20];
        java.util.Arrays.fill(expected, 3000, 3000 + 70 * 1024, (byte) 0x42);
        OpenOptions options = OpenOptions.forWriting().withPassphrase("correct horse");
        try (BlockImage disk = BlockImages.open(image, options)) {
            byte[] back = new byte[expected.length];
            disk.read(0, back, 0, back.length);
            assertArrayEquals(expected, back);
            byte[] patch = new byte[777];
            new Random(3).nextBytes(patch);
            disk.write(100_001, patch, 0, patch.length);
            System.arraycopy(patch, 0, expected, 100_001, patch.length);
        }
        QemuTools.ok("qemu-img", "check", SECRET, SECRET_DEF, "--image-opts", opts(image));
        Path raw = dir.resolve("plain.raw");
        QemuTools.ok("qemu-img", "convert", SECRET, SECRET_DEF, "--image-opts", opts(image), "-O", "raw",
                raw.toString());
        assertArrayEquals(expected, Files.readAllBytes(raw));
        assertThrows(BlockException.class, () -> BlockImages.open(image,
                OpenOptions.forReading().withPassphrase("wrong")));
    }

    @Test
    void ourLuksImageOpensInQemu() throws Exception {
        Path dir = QemuTools.folder("luks-ours");
        byte[] data = new byte[2 << 20];
        new Random(9).nextBytes(data);
        java.util.Arrays.fill(data, 0, 65536, (byte) 0);
        Files.write(dir.resolve("plain.raw"), data);
        ImgToolTest.Run run = ImgToolTest.img(dir, "convert", SECRET, SECRET_DEF, "-O", "qcow2", "-o",
                "encrypt.format=luks,encrypt.key-secret=sec0,encrypt.iter-time=10", "@plain.raw", "@enc.qcow2");
        assertEquals(0, run.status(), run.err());
        Path image = dir.resolve("enc.qcow2");
        assertTrue(QemuTools.ok("qemu-img", "info", image.toString()).contains("encrypted: yes"));
        QemuTools.ok("qemu-img", "check", SECRET, SECRET_DEF, "--image-opts", opts(image));
        assertEquals(0, QemuTools.run("qemu-img", "compare", SECRET, SECRET_DEF, "--image-opts", opts(image),
                "driver=raw,file.filename=" + dir.resolve("plain.raw")).status());
        byte[] onDisk = Files.readAllBytes(image);
        assertEquals(-1, indexOf(onDisk, java.util.Arrays.copyOfRange(data, 100_000, 100_064)),
                "the plaintext does not appear in the file");
        BlockException noKey = assertThrows(BlockException.class, () -> {
            try (BlockImage disk = BlockImages.open(image, OpenOptions.forReading())) {
                disk.read(100_000, new byte[512], 0, 512);
            }
        });
        assertTrue(noKey.getMessage().contains("encrypted"), noKey.getMessage());
        BlockImages.create(dir.resolve("lib.qcow2"), "qcow2", 1 << 20, Map.of("encrypt.format", "luks",
                "encrypt.key-secret", "k", "encrypt.iter-time", "10"), Map.of("k", "pw".getBytes()));
        QemuTools.ok("qemu-io", "--object", "secret,id=k,data=pw", "--image-opts", "-c", "write -P 1 0 1M",
                "driver=qcow2,file.filename=" + dir.resolve("lib.qcow2") + ",encrypt.key-secret=k");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
