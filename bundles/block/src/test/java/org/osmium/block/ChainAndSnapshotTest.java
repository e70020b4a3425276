package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Backing chains, internal snapshots, commit and rebase, checked against qemu-img and qemu-io. */
class ChainAndSnapshotTest {
    private static Path chain(String name) throws Exception {
        Path dir = QemuTools.folder(name);
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("base.qcow2").toString(), "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 1 0 4M", dir.resolve("base.qcow2").toString());
        QemuTools.ok("qemu-img", "create", "-q", "-f", "raw", dir.resolve("raw-base.img").toString(), "4M");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2",
                "-o", "cluster_size=4k", dir.resolve("mid.qcow2").toString());
        QemuTools.ok("qemu-io", "-c", "write -P 2 1M 1M", dir.resolve("mid.qcow2").toString());
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", "mid.qcow2", "-F", "qcow2", "-o", "compat=0.10",
                dir.resolve("top.qcow2").toString());
        QemuTools.ok("qemu-io", "-c", "write -P 3 1536k 1M", "-c", "write -z 3M 64k",
                dir.resolve("top.qcow2").toString());
        QemuTools.ok("qemu-img", "convert", "-O", "raw", dir.resolve("top.qcow2").toString(),
                dir.resolve("expect.raw").toString());
        return dir;
    }

    private static byte[] readAll(Path image) throws Exception {
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forReading())) {
            byte[] all = new byte[(int) disk.size()];
            disk.read(0, all, 0, all.length);
            return all;
        }
    }

    @Test
    void threeLevelChainWrittenByQemuReadsBackAndTakesOurWrites() throws Exception {
        Path dir = chain("chain-read");
        assertArrayEquals(Files.readAllBytes(dir.resolve("expect.raw")), readAll(dir.resolve("top.qcow2")));
        byte[] expected = Files.readAllBytes(dir.resolve("expect.raw"));
        try (BlockImage top = BlockImages.open(dir.resolve("top.qcow2"), OpenOptions.forWriting())) {
            byte[] data = new byte[700];
            java.util.Arrays.fill(data, (byte) 9);
            top.write(1_000_000, data, 0, data.length);
            System.arraycopy(data, 0, expected, 1_000_000, data.length);
        }
        QemuTools.ok("qemu-img", "check", dir.resolve("top.qcow2").toString());
        QemuTools.ok("qemu-img", "convert", "-O", "raw", dir.resolve("top.qcow2").toString(),
                dir.resolve("after.raw").toString());
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("after.raw")));
    }

    @Test
    void loopsAndMissingFilesAreRefusedNamingTheChain() throws Exception {
        Path dir = QemuTools.folder("chain-bad");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", "b.qcow2", "-F", "qcow2",
                dir.resolve("a.qcow2").toString(), "1M");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", "a.qcow2", "-F", "qcow2",
                dir.resolve("b.qcow2").toString(), "1M");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", "gone.qcow2", "-F", "qcow2",
                dir.resolve("c.qcow2").toString(), "1M");
        BlockException loop = assertThrows(BlockException.class,
                () -> BlockImages.open(dir.resolve("a.qcow2"), OpenOptions.forReading()));
        assertTrue(loop.getMessage().contains("loops") && loop.getMessage().contains("b.qcow2"), loop.getMessage());
        BlockException missing = assertThrows(BlockException.class,
                () -> BlockImages.open(dir.resolve("c.qcow2"), OpenOptions.forReading()));
        assertTrue(missing.getMessage().contains("gone.qcow2") && missing.getMessage().contains("c.qcow2"),
                missing.getMessage());
    }

    @Test
    void commitWritesIntoTheBackingFileAndEmptiesTheTop() throws Exception {
        Path dir = chain("chain-commit");
        assertEquals(0, ImgToolTest.img(dir, "commit", "-q", "@top.qcow2").status());
        QemuTools.ok("qemu-img", "check", dir.resolve("mid.qcow2").toString());
        QemuTools.ok("qemu-img", "check", dir.resolve("top.qcow2").toString());
        byte[] expected = Files.readAllBytes(dir.resolve("expect.raw"));
        assertArrayEquals(expected, readAll(dir.resolve("mid.qcow2")));
        assertArrayEquals(expected, readAll(dir.resolve("top.qcow2")));
        assertTrue(QemuTools.ok("qemu-img", "map", "--output=json", dir.resolve("top.qcow2").toString())
                .contains("\"depth\": 1"));
    }

    @Test
    void safeRebaseKeepsTheContentAndUnsafeOnlyRenames() throws Exception {
        Path dir = chain("chain-rebase");
        byte[] expected = Files.readAllBytes(dir.resolve("expect.raw"));
        assertEquals(0, ImgToolTest.img(dir, "rebase", "-b", "base.qcow2", "-F", "qcow2", "@top.qcow2").status());
        QemuTools.ok("qemu-img", "check", dir.resolve("top.qcow2").toString());
        assertTrue(QemuTools.ok("qemu-img", "info", dir.resolve("top.qcow2").toString())
                .contains("backing file: base.qcow2"));
        assertArrayEquals(expected, readAll(dir.resolve("top.qcow2")));
        assertEquals(0, ImgToolTest.img(dir, "rebase", "-b", "", "@top.qcow2").status());
        assertArrayEquals(expected, readAll(dir.resolve("top.qcow2")));
        assertEquals(0, ImgToolTest.img(dir, "rebase", "-u", "-b", "raw-base.img", "-F", "raw", "@top.qcow2").status());
        assertTrue(QemuTools.ok("qemu-img", "info", dir.resolve("top.qcow2").toString())
                .contains("backing file format: raw"));
    }

    @Test
    void snapshotsMadeByEitherToolAreListedAndAppliedByTheOther() throws Exception {
        Path dir = QemuTools.folder("snapshots");
        String image = dir.resolve("disk.qcow2").toString();
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", image, "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 1 0 1M", image);
        assertEquals(0, ImgToolTest.img(dir, "snapshot", "-c", "ours", "@disk.qcow2").status());
        QemuTools.ok("qemu-img", "check", image);
        QemuTools.ok("qemu-io", "-c", "write -P 2 64k 64k", image);
        QemuTools.ok("qemu-img", "snapshot", "-c", "theirs", image);
        QemuTools.ok("qemu-io", "-c", "write -P 3 0 4k", image);
        ImgToolTest.sameAsQemu(dir, "snapshot", "-l", "@disk.qcow2");
        assertEquals(0, ImgToolTest.img(dir, "snapshot", "-a", "theirs", "@disk.qcow2").status());
        QemuTools.ok("qemu-img", "check", image);
        QemuTools.ok("qemu-io", "-c", "read -P 1 0 64k", "-c", "read -P 2 64k 64k", image);
        QemuTools.ok("qemu-img", "snapshot", "-a", "ours", image);
        QemuTools.ok("qemu-io", "-c", "read -P 1 0 1M", image);
        assertEquals(0, ImgToolTest.img(dir, "snapshot", "-d", "ours", "@disk.qcow2").status());
        assertEquals(0, ImgToolTest.img(dir, "snapshot", "-d", "2", "@disk.qcow2").status());
        assertEquals("", QemuTools.ok("qemu-img", "snapshot", "-l", image));
        QemuTools.ok("qemu-img", "check", image);
        QemuTools.ok("qemu-io", "-c", "read -P 1 0 1M", image);
    }
}
