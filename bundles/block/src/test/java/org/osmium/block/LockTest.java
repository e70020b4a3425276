package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Images are locked as QEMU locks them: a second writer, here or in QEMU, gets a clear error. */
class LockTest {
    @Test
    void secondWriterInThisProcessIsRefused() throws Exception {
        Path image = QemuTools.folder("lock-local").resolve("disk.qcow2");
        BlockImages.create(image, "qcow2", 1 << 20, Map.of());
        try (BlockImage writer = BlockImages.open(image, OpenOptions.forWriting())) {
            BlockException e = assertThrows(BlockException.class,
                    () -> BlockImages.open(image, OpenOptions.forWriting()));
            assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("lock"), e.getMessage());
            assertThrows(BlockException.class, () -> BlockImages.open(image, OpenOptions.forReading()));
            BlockImages.open(image, OpenOptions.forReading().sharingWrite()).close();
        }
        BlockImages.open(image, OpenOptions.forWriting()).close();
    }

    @Test
    void qemuSeesOurLockAndWeSeeQemus() throws Exception {
        Path image = QemuTools.folder("lock-qemu").resolve("disk.qcow2");
        BlockImages.create(image, "qcow2", 1 << 20, Map.of());
        try (BlockImage writer = BlockImages.open(image, OpenOptions.forWriting())) {
            QemuTools.Result info = QemuTools.run("qemu-img", "info", image.toString());
            assertEquals(1, info.status());
            assertTrue(info.output().contains("Failed to get shared \"write\" lock"), info.output());
            assertEquals(0, QemuTools.run("qemu-img", "info", "-U", image.toString()).status());
        }
        Process qemuIo = new ProcessBuilder("qemu-io", "-f", "qcow2", image.toString())
                .redirectErrorStream(true).start();
        try {
            OutputStream in = qemuIo.getOutputStream();
            in.write("write -P 7 0 4k\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            byte[] banner = new byte[64];
            int n = qemuIo.getInputStream().read(banner);
            assertTrue(n > 0, "qemu-io answered");
            BlockException e = assertThrows(BlockException.class,
                    () -> BlockImages.open(image, OpenOptions.forWriting()));
            assertTrue(e.getMessage().contains("lock"), e.getMessage());
            try (BlockImage reader = BlockImages.open(image, OpenOptions.forReading().sharingWrite())) {
                assertEquals(1 << 20, reader.size());
            }
            in.close();
            assertEquals(0, qemuIo.waitFor());
        } finally {
            qemuIo.destroy();
        }
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forReading())) {
            byte[] sector = new byte[4096];
            disk.read(0, sector, 0, sector.length);
            assertEquals(7, sector[4095]);
        }
    }
}
