package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A writer killed with SIGKILL at random instants leaves an image qemu-img check calls clean (leaks allowed). */
class CrashTest {
    private static final int ROUNDS = 3;

    @ParameterizedTest
    @CsvSource({"512,1.1,16,off", "64k,1.1,16,on", "4k,0.10,16,off", "1k,1.1,2,off"})
    void killedWriterLeavesNoCorruption(String clusterSize, String compat, String refcountBits, String lazy)
            throws Exception {
        Path dir = QemuTools.folder("crash-" + clusterSize + "-" + compat + "-" + refcountBits + "-" + lazy);
        Path image = dir.resolve("disk.qcow2");
        BlockImages.create(image, "qcow2", 64L << 20, Map.of("cluster_size", clusterSize, "compat", compat,
                "refcount_bits", refcountBits, "lazy_refcounts", lazy));
        Random random = new Random(clusterSize.hashCode());
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                    CrashWriter.class.getName(), image.toString(), Long.toString(random.nextLong()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] ready = new byte[6];
            int n = writer.getInputStream().readNBytes(ready, 0, ready.length);
            assertEquals(6, n, "the writer started writing");
            Thread.sleep(50 + random.nextInt(400));
            writer.destroyForcibly();
            writer.waitFor();
            QemuTools.Result check = QemuTools.run("qemu-img", "check", image.toString());
            System.out.println("crash round " + round + " (" + clusterSize + ", compat " + compat + "): qemu-img "
                    + "check exit " + check.status());
            assertTrue(check.status() == 0 || check.status() == 3,
                    "qemu-img check finds no corruption after SIGKILL:\n" + check.output());
        }
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forWriting())) {
            CheckResult result = disk.check(true, false);
            assertEquals(0, result.corruptions());
            assertEquals(0, result.leaks(), "check -r leaks repaired every leak");
        }
        assertEquals(0, QemuTools.run("qemu-img", "check", image.toString()).status());
    }
}
