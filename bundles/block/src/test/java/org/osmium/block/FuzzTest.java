package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the qcow2 parser, starting from images QEMU made: every damaged image either works or gets
 * one clear line naming the file; nothing else escapes, nothing hangs, memory stays bounded, and an image opened
 * read-only is never written.
 */
class FuzzTest {
    private static final int CASES = 400;
    private static final long MEMORY_LIMIT = 256L << 20;

    private static List<Path> corpus(Path dir) throws Exception {
        List<Path> images = new ArrayList<>();
        String[][] recipes = {
            {"plain.qcow2", "cluster_size=512", "write -P 1 0 200k", "write -z 300k 64k"},
            {"v2.qcow2", "compat=0.10,cluster_size=4k", "write -P 2 100k 300k", "write -P 3 1M 4k"},
            {"big.qcow2", "cluster_size=64k,refcount_bits=8", "write -P 4 0 100k", "write -P 5 1M 64k"},
            {"extl2.qcow2", "extended_l2=on,cluster_size=16k", "write -P 6 3k 5k", "write -z 100k 20k"},
        };
        for (String[] recipe : recipes) {
            Path image = dir.resolve(recipe[0]);
            QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-o", recipe[1], image.toString(), "2M");
            QemuTools.ok("qemu-io", "-c", recipe[2], "-c", recipe[3], image.toString());
            images.add(image);
        }
        QemuTools.ok("qemu-img", "snapshot", "-c", "s1", images.get(0).toString());
        QemuTools.ok("qemu-io", "-c", "write -P 7 0 4k", images.get(0).toString());
        Path compressed = dir.resolve("compressed.qcow2");
        QemuTools.ok("qemu-img", "convert", "-c", "-O", "qcow2", images.get(1).toString(), compressed.toString());
        images.add(compressed);
        return images;
    }

    @Test
    void damagedImagesGetCleanErrors() throws Exception {
        Path dir = QemuTools.folder("fuzz");
        List<Path> corpus = corpus(dir);
        Random random = new Random(20261126);
        Path victim = dir.resolve("victim.qcow2");
        long slowest = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] image = Files.readAllBytes(corpus.get(random.nextInt(corpus.size())));
            damage(image, random);
            Files.write(victim, image);
            byte[] before = MessageDigest.getInstance("SHA-256").digest(image);
            boolean writable = i % 4 == 3;
            long start = System.nanoTime();
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> exercise(victim, writable),
                    "case " + i + " hangs");
            slowest = Math.max(slowest, System.nanoTime() - start);
            assertTrue(outcome.allocated() < MEMORY_LIMIT, "case " + i + " allocated " + outcome.allocated()
                    + " bytes");
            if (!writable) {
                assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(victim)),
                        "case " + i + ": an image opened read-only was written");
            }
            String error = outcome.error();
            if (error != null) {
                rejected++;
                if (System.getenv("FUZZ_VERBOSE") != null) {
                    System.out.println("case " + i + ": " + error);
                }
                assertFalse(error.contains("\n"), "one line: " + error);
                assertTrue(error.contains("victim.qcow2"), "the error names the file: " + error);
            }
        }
        System.out.println("fuzz: " + CASES + " damaged images, " + rejected + " refused with a clear error, "
                + "slowest " + slowest / 1_000_000 + " ms");
    }

    /** What one damaged image did: the error message (null if everything worked) and the bytes allocated. */
    private record Outcome(String error, long allocated) {
    }

    private static Outcome exercise(Path image, boolean writable) {
        long before = allocatedBytes();
        String error = tryEverything(image, writable);
        return new Outcome(error, allocatedBytes() - before);
    }

    /** Opens, reads everything, maps and checks (and writes, if writable); returns the error, or null. */
    private static String tryEverything(Path image, boolean writable) {
        OpenOptions options = (writable ? OpenOptions.forWriting() : OpenOptions.forReading()).withoutBacking();
        try (BlockImage disk = BlockImages.open(image, options)) {
            byte[] buffer = new byte[64 * 1024];
            for (long at = 0; at < Math.min(disk.size(), 4L << 20); at += buffer.length) {
                disk.read(at, buffer, 0, (int) Math.min(buffer.length, disk.size() - at));
            }
            for (long at = 0; at < Math.min(disk.size(), 4L << 20); ) {
                at += Math.max(1, disk.status(at, disk.size() - at).length());
            }
            disk.check(false, false);
            disk.snapshots();
            if (writable) {
                disk.write(disk.size() / 3, buffer, 0, (int) Math.min(buffer.length, disk.size() / 2));
                disk.check(true, true);
            }
            return null;
        } catch (BlockException e) {
            return e.getMessage();
        } catch (RuntimeException | Error e) {
            fail("not a clean error: " + e, e);
            return null;
        }
    }

    /** Damages metadata: random bytes, random fields set to extremes, in the header or in the tables. */
    private static void damage(byte[] image, Random random) {
        ByteBuffer b = ByteBuffer.wrap(image);
        int hits = 1 + random.nextInt(4);
        for (int h = 0; h < hits; h++) {
            int where = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(Math.min(image.length, 512));
                case 1 -> tableOffset(b, random, image.length);
                default -> random.nextInt(Math.min(image.length, 256 * 1024));
            };
            where = Math.min(where, image.length - 8);
            switch (random.nextInt(5)) {
                case 0 -> b.putLong(where & ~7, -1L);
                case 1 -> b.putLong(where & ~7, random.nextLong());
                case 2 -> b.putInt(where & ~3, random.nextInt());
                case 3 -> b.putLong(where & ~7, (long) image.length + random.nextInt(1 << 20));
                default -> image[where] ^= (byte) (1 << random.nextInt(8));
            }
        }
    }

    private static int tableOffset(ByteBuffer b, Random random, int length) {
        long[] tables = {b.getLong(40), b.getLong(48), b.getLong(64)};
        long table = tables[random.nextInt(tables.length)];
        if (table <= 0 || table >= length) {
            return random.nextInt(length);
        }
        return (int) Math.min(length - 8, table + random.nextInt(256));
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
