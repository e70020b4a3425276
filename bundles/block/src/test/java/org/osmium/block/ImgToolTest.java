package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osmium.block.tool.ImgTool;

/** The img tool prints what qemu-img prints, exits as it exits, and makes images qemu-img accepts. */
class ImgToolTest {
    /** What one img run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run img(Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] resolved = args.clone();
        String cwd = System.getProperty("user.dir");
        int status;
        System.setProperty("user.dir", dir.toString());
        try {
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i].startsWith("@")) {
                    resolved[i] = dir.resolve(resolved[i].substring(1)).toString();
                }
            }
            status = ImgTool.run(resolved, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setProperty("user.dir", cwd);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static QemuTools.Result qemuImg(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "qemu-img";
        for (int i = 0; i < args.length; i++) {
            command[i + 1] = args[i].startsWith("@") ? dir.resolve(args[i].substring(1)).toString() : args[i];
        }
        return QemuTools.runStdout(command);
    }

    /** Runs the same command with both tools and asserts the same output and exit status. */
    static void sameAsQemu(Path dir, String... args) throws Exception {
        QemuTools.Result expected = qemuImg(dir, args);
        Run actual = img(dir, args);
        assertEquals(expected.output(), actual.out(), "output of img " + String.join(" ", args));
        assertEquals(expected.status(), actual.status(), "exit status of img " + String.join(" ", args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster_size=65536", "compat=0.10", "cluster_size=512,refcount_bits=1",
        "cluster_size=2M,lazy_refcounts=on", "extended_l2=on,cluster_size=128k", "compression_type=zstd",
        "refcount_bits=64,cluster_size=4k"})
    void createWritesTheBytesQemuImgWrites(String options) throws Exception {
        Path dir = QemuTools.folder("create-" + options.replace(',', '-').replace('=', '_'));
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o", options, dir.resolve("qemu.qcow2").toString(),
                "3G");
        Run run = img(dir, "create", "-q", "-f", "qcow2", "-o", options, "@osmium.qcow2", "3G");
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("qemu.qcow2")), Files.readAllBytes(dir.resolve("osmium.qcow2")));
    }

    @Test
    void infoMapCheckMeasureCompareMatchQemuImg() throws Exception {
        Path dir = QemuTools.folder("outputs");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("base.qcow2").toString(), "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 1 0 100k", "-c", "write -z 1M 64k", dir.resolve("base.qcow2").toString());
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2",
                dir.resolve("top.qcow2").toString());
        QemuTools.ok("qemu-io", "-c", "write -P 2 2M 64k", dir.resolve("top.qcow2").toString());
        QemuTools.ok("qemu-img", "snapshot", "-c", "first", dir.resolve("base.qcow2").toString());
        for (String output : new String[] {"--output=human", "--output=json"}) {
            sameAsQemu(dir, "info", output, "@top.qcow2");
            sameAsQemu(dir, "info", output, "--backing-chain", "@top.qcow2");
            sameAsQemu(dir, "info", output, "@base.qcow2");
            sameAsQemu(dir, "map", output, "@top.qcow2");
            sameAsQemu(dir, "check", output, "@top.qcow2");
            sameAsQemu(dir, "check", output, "@base.qcow2");
            sameAsQemu(dir, "measure", output, "-O", "qcow2", "@top.qcow2");
            sameAsQemu(dir, "measure", output, "-O", "qcow2", "--size", "7G");
        }
        sameAsQemu(dir, "compare", "@base.qcow2", "@top.qcow2");
        sameAsQemu(dir, "compare", "-s", "@base.qcow2", "@top.qcow2");
        sameAsQemu(dir, "compare", "@top.qcow2", "@top.qcow2");
    }

    @Test
    void checkFindsAndRepairsLeaksAsQemuImgDoes() throws Exception {
        Path dir = QemuTools.folder("leaks");
        Path image = dir.resolve("leaky.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "4M");
        QemuTools.ok("qemu-io", "-c", "write 0 64k", image.toString());
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 2}), 0x20000 + 2 * 3);
        }
        Files.copy(image, dir.resolve("copy.qcow2"));
        sameAsQemu(dir, "check", "@leaky.qcow2");
        sameAsQemu(dir, "check", "--output=json", "@leaky.qcow2");
        Run repaired = img(dir, "check", "-r", "leaks", "@leaky.qcow2");
        assertEquals(0, repaired.status());
        assertTrue(repaired.out().contains("1 leaked clusters"), repaired.out());
        assertEquals(0, QemuTools.run("qemu-img", "check", image.toString()).status());
        QemuTools.ok("qemu-img", "check", "-r", "leaks", dir.resolve("copy.qcow2").toString());
        assertEquals(0, img(dir, "check", "@copy.qcow2").status());
    }

    @Test
    void convertBothWaysKeepsTheBytes() throws Exception {
        Path dir = QemuTools.folder("convert");
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        java.util.Arrays.fill(data, 1 << 20, 2 << 20, (byte) 0);
        Files.write(dir.resolve("src.raw"), data);
        Run toQcow2 = img(dir, "convert", "-f", "raw", "-O", "qcow2", "-o", "cluster_size=4k", "@src.raw", "@out.qcow2");
        assertEquals(0, toQcow2.status(), toQcow2.err());
        QemuTools.ok("qemu-img", "check", dir.resolve("out.qcow2").toString());
        assertEquals(0, QemuTools.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2",
                dir.resolve("src.raw").toString(), dir.resolve("out.qcow2").toString()).status());
        QemuTools.ok("qemu-img", "convert", "-O", "qcow2", "-o", "compat=0.10", dir.resolve("src.raw").toString(),
                dir.resolve("qemu.qcow2").toString());
        Run toRaw = img(dir, "convert", "-O", "raw", "@qemu.qcow2", "@back.raw");
        assertEquals(0, toRaw.status(), toRaw.err());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("back.raw")));
        Run copy = img(dir, "convert", "-O", "qcow2", "@out.qcow2", "@copy.qcow2");
        assertEquals(0, copy.status(), copy.err());
        sameAsQemu(dir, "map", "--output=json", "@copy.qcow2");
    }

    @Test
    void resizeGrowsAndShrinksAsQemuSees() throws Exception {
        Path dir = QemuTools.folder("resize");
        Path image = dir.resolve("disk.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o", "cluster_size=512", image.toString(), "1M");
        QemuTools.ok("qemu-io", "-c", "write -P 5 0 1M", image.toString());
        assertEquals(0, img(dir, "resize", "@disk.qcow2", "+300M").status());
        QemuTools.ok("qemu-io", "-c", "write -P 6 290M 1M", "-c", "read -P 5 0 1M", image.toString());
        QemuTools.ok("qemu-img", "check", image.toString());
        Run refused = img(dir, "resize", "@disk.qcow2", "512k");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("--shrink"), refused.err());
        assertEquals(0, img(dir, "resize", "--shrink", "@disk.qcow2", "512k").status());
        QemuTools.ok("qemu-io", "-c", "read -P 5 0 512k", image.toString());
        assertEquals(0, QemuTools.run("qemu-img", "check", image.toString()).status());
        assertTrue(QemuTools.ok("qemu-img", "info", image.toString()).contains("(524288 bytes)"));
    }

    @Test
    void amendUpgradesAndDowngradesCompat() throws Exception {
        Path dir = QemuTools.folder("amend");
        String image = dir.resolve("disk.qcow2").toString();
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=0.10", image, "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 1 0 100k", image);
        assertEquals(0, img(dir, "amend", "-o", "compat=1.1,lazy_refcounts=on", "@disk.qcow2").status());
        assertTrue(QemuTools.ok("qemu-img", "info", image).contains("lazy refcounts: true"));
        QemuTools.ok("qemu-io", "-c", "write -z 0 64k", image);
        assertEquals(0, img(dir, "amend", "-o", "compat=0.10", "@disk.qcow2").status());
        assertTrue(QemuTools.ok("qemu-img", "info", image).contains("compat: 0.10"));
        QemuTools.ok("qemu-img", "check", image);
        QemuTools.ok("qemu-io", "-c", "read -P 0 0 64k", "-c", "read -P 1 64k 36k", image);
        Run refused = img(dir, "amend", "-o", "refcount_bits=8", "@disk.qcow2");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("refcount_bits"), refused.err());
    }

    @Test
    void checkReportsAndRepairsTooLowRefcountsAsQemuImgDoes() throws Exception {
        Path dir = QemuTools.folder("corrupt");
        Path image = dir.resolve("bad.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "4M");
        QemuTools.ok("qemu-io", "-c", "write -P 8 0 128k", image.toString());
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0}), 0x20000 + 2 * 5);
        }
        sameAsQemu(dir, "check", "@bad.qcow2");
        sameAsQemu(dir, "check", "--output=json", "@bad.qcow2");
        Run repaired = img(dir, "check", "-r", "all", "@bad.qcow2");
        assertEquals(0, repaired.status(), repaired.out() + repaired.err());
        assertTrue(repaired.out().contains("1 corruptions"), repaired.out());
        QemuTools.ok("qemu-img", "check", image.toString());
        QemuTools.ok("qemu-io", "-c", "read -P 8 0 128k", image.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preallocation=metadata", "preallocation=metadata,cluster_size=4k,compat=0.10",
        "preallocation=metadata,cluster_size=512"})
    void preallocatedCreateWritesTheBytesQemuImgWrites(String options) throws Exception {
        Path dir = QemuTools.folder("prealloc-" + options.replace(',', '-').replace('=', '_'));
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o", options, dir.resolve("qemu.qcow2").toString(),
                "5M");
        assertEquals(0, img(dir, "create", "-q", "-f", "qcow2", "-o", options, "@osmium.qcow2", "5M").status());
        assertArrayEquals(Files.readAllBytes(dir.resolve("qemu.qcow2")), Files.readAllBytes(dir.resolve("osmium.qcow2")));
        sameAsQemu(dir, "map", "--output=json", "@osmium.qcow2");
        for (String mode : new String[] {"falloc", "full"}) {
            assertEquals(0, img(dir, "create", "-q", "-f", "raw", "-o", "preallocation=" + mode, "@" + mode + ".raw",
                    "1M").status());
            assertArrayEquals(new byte[1 << 20], Files.readAllBytes(dir.resolve(mode + ".raw")));
            assertEquals(0, img(dir, "create", "-q", "-f", "qcow2", "-o", "preallocation=" + mode,
                    "@" + mode + ".qcow2", "1M").status());
            QemuTools.ok("qemu-img", "check", dir.resolve(mode + ".qcow2").toString());
            QemuTools.ok("qemu-io", "-c", "read -P 0 0 1M", dir.resolve(mode + ".qcow2").toString());
        }
    }

    @Test
    void persistentBitmapClustersAreCountedNotLeaked() throws Exception {
        Path dir = QemuTools.folder("bitmaps");
        String image = dir.resolve("disk.qcow2").toString();
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", image, "4M");
        QemuTools.ok("qemu-img", "bitmap", "--add", image, "b0");
        QemuTools.ok("qemu-io", "-c", "write 0 64k", image);
        QemuTools.ok("qemu-img", "bitmap", "--add", image, "b1");
        sameAsQemu(dir, "check", "@disk.qcow2");
        assertEquals(0, img(dir, "check", "-r", "all", "@disk.qcow2").status());
        assertTrue(QemuTools.ok("qemu-img", "info", image).contains("name: b1"));
        sameAsQemu(dir, "check", "@disk.qcow2");
    }
}
