package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images written by Osmium pass qemu-img check and read back in QEMU; images written by QEMU read back here. */
class Qcow2InteropTest {
    private static final int DISK = 4 << 20;

    @ParameterizedTest
    @CsvSource({"512,0.10,16", "1k,1.1,1", "2k,0.10,16", "4k,1.1,2", "8k,1.1,4", "16k,0.10,16", "32k,1.1,8",
        "64k,1.1,16", "64k,1.1,64", "128k,0.10,16", "256k,1.1,8", "512k,1.1,32", "1M,1.1,16", "2M,1.1,32",
        "2M,0.10,16", "512,1.1,4"})
    void osmiumWritesQemuReads(String clusterSize, String compat, String refcountBits) throws Exception {
        Path dir = QemuTools.folder("osmium-writes-" + clusterSize + "-" + compat + "-" + refcountBits);
        Path image = dir.resolve("disk.qcow2");
        BlockImages.create(image, "qcow2", DISK,
                Map.of("cluster_size", clusterSize, "compat", compat, "refcount_bits", refcountBits));
        byte[] model = new byte[DISK];
        Random random = new Random(clusterSize.hashCode() * 31 + refcountBits.hashCode());
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forWriting())) {
            for (int i = 0; i < 200; i++) {
                int length = 1 + random.nextInt(random.nextBoolean() ? 512 : 300_000);
                int offset = random.nextInt(DISK - length);
                byte[] data = new byte[length];
                random.nextBytes(data);
                disk.write(offset, data, 0, length);
                System.arraycopy(data, 0, model, offset, length);
            }
            int zeroAt = random.nextInt(DISK / 2);
            disk.writeZeroes(zeroAt, 1 << 20);
            java.util.Arrays.fill(model, zeroAt, zeroAt + (1 << 20), (byte) 0);
            byte[] back = new byte[DISK];
            disk.read(0, back, 0, DISK);
            assertArrayEquals(model, back, "Osmium reads back what it wrote");
        }
        QemuTools.ok("qemu-img", "check", image.toString());
        Path raw = dir.resolve("disk.raw");
        QemuTools.ok("qemu-img", "convert", "-f", "qcow2", "-O", "raw", image.toString(), raw.toString());
        assertArrayEquals(model, Files.readAllBytes(raw), "qemu-img converts the Osmium image to the same bytes");
    }

    @ParameterizedTest
    @CsvSource({"512,0.10", "512,1.1", "1k,0.10", "2k,1.1", "4k,1.1", "8k,0.10", "16k,1.1", "32k,0.10", "64k,0.10",
        "64k,1.1", "128k,1.1", "256k,0.10", "512k,1.1", "1M,0.10", "2M,1.1", "2M,0.10"})
    void qemuWritesOsmiumReads(String clusterSize, String compat) throws Exception {
        Path dir = QemuTools.folder("qemu-writes-" + clusterSize + "-" + compat);
        Path image = dir.resolve("disk.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o",
                "cluster_size=" + clusterSize + ",compat=" + compat, image.toString(), "4M");
        QemuTools.ok("qemu-io", "-f", "qcow2", "-c", "write -P 0x11 0 100k", "-c", "write -P 0x22 1M 5000",
                "-c", "write -z 20k 8k", "-c", "write -P 0x33 3M 1M", "-c", "discard 3M 64k", image.toString());
        Path raw = dir.resolve("disk.raw");
        QemuTools.ok("qemu-img", "convert", "-f", "qcow2", "-O", "raw", image.toString(), raw.toString());
        byte[] expected = Files.readAllBytes(raw);
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forReading())) {
            assertEquals("qcow2", disk.format());
            assertEquals(DISK, disk.size());
            byte[] back = new byte[DISK];
            disk.read(0, back, 0, DISK);
            assertArrayEquals(expected, back);
        }
        assertTrue(QemuTools.ok("qemu-img", "check", image.toString()).contains("No errors"));
    }

    @ParameterizedTest
    @CsvSource({"zlib,512", "zlib,4k", "zlib,64k", "zlib,2M", "zstd,1k", "zstd,64k", "zstd,2M"})
    void compressedImagesGoBothWays(String type, String clusterSize) throws Exception {
        Path dir = QemuTools.folder("compressed-" + type + "-" + clusterSize);
        byte[] data = new byte[3 << 20];
        Random random = new Random(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 < 40 ? random.nextInt(256) : (i / 4096) & 0xff);
        }
        java.util.Arrays.fill(data, 1 << 20, (1 << 20) + 200_000, (byte) 0);
        Path raw = dir.resolve("data.raw");
        Files.write(raw, data);
        Path ours = dir.resolve("ours.qcow2");
        ImgToolTest.Run run = ImgToolTest.img(dir, "convert", "-c", "-O", "qcow2", "-o",
                "compression_type=" + type + ",cluster_size=" + clusterSize, "@data.raw", "@ours.qcow2");
        assertEquals(0, run.status(), run.err());
        String check = QemuTools.ok("qemu-img", "check", "--output=json", ours.toString());
        assertTrue(check.contains("\"compressed-clusters\""), check);
        assertEquals(0, QemuTools.run("qemu-img", "compare", "-q", raw.toString(), ours.toString()).status());
        Path theirs = dir.resolve("theirs.qcow2");
        QemuTools.ok("qemu-img", "convert", "-c", "-O", "qcow2", "-o",
                "compression_type=" + type + ",cluster_size=" + clusterSize, raw.toString(), theirs.toString());
        try (BlockImage disk = BlockImages.open(theirs, OpenOptions.forWriting())) {
            byte[] back = new byte[data.length];
            disk.read(0, back, 0, back.length);
            assertArrayEquals(data, back);
            byte[] patch = new byte[1000];
            java.util.Arrays.fill(patch, (byte) 0x5a);
            disk.write(5000, patch, 0, patch.length);
            System.arraycopy(patch, 0, data, 5000, patch.length);
        }
        QemuTools.ok("qemu-img", "check", theirs.toString());
        Path back = dir.resolve("back.raw");
        QemuTools.ok("qemu-img", "convert", "-O", "raw", theirs.toString(), back.toString());
        assertArrayEquals(data, Files.readAllBytes(back), "overwriting a compressed cluster keeps the rest");
    }

    @ParameterizedTest
    @CsvSource({"16k", "64k", "2M"})
    void extendedL2EntriesGoBothWays(String clusterSize) throws Exception {
        Path dir = QemuTools.folder("extl2-" + clusterSize);
        Path base = dir.resolve("base.qcow2");
        Path image = dir.resolve("disk.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 1 0 4M", base.toString());
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", "-o",
                "extended_l2=on,cluster_size=" + clusterSize, image.toString());
        QemuTools.ok("qemu-io", "-c", "write -P 2 3k 5k", "-c", "write -z 100k 20k", "-c", "write -P 3 1M 7k",
                image.toString());
        Path expectRaw = dir.resolve("expect.raw");
        QemuTools.ok("qemu-img", "convert", "-O", "raw", image.toString(), expectRaw.toString());
        byte[] expected = Files.readAllBytes(expectRaw);
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forWriting())) {
            byte[] back = new byte[DISK];
            disk.read(0, back, 0, DISK);
            assertArrayEquals(expected, back, "Osmium reads QEMU's subclusters");
            Random random = new Random(5);
            for (int i = 0; i < 60; i++) {
                int length = 1 + random.nextInt(20_000);
                int offset = random.nextInt(DISK - length);
                byte[] chunk = new byte[length];
                random.nextBytes(chunk);
                disk.write(offset, chunk, 0, length);
                System.arraycopy(chunk, 0, expected, offset, length);
            }
        }
        QemuTools.ok("qemu-img", "check", image.toString());
        Path after = dir.resolve("after.raw");
        QemuTools.ok("qemu-img", "convert", "-O", "raw", image.toString(), after.toString());
        assertArrayEquals(expected, Files.readAllBytes(after), "QEMU reads Osmium's subcluster writes");
    }
}
