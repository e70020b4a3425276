package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * virtio-blk on the virt board: the guest program finds the disk among the virtio-mmio slots, reads, writes and
 * flushes through the virtqueue; it prints what QEMU's virtio-blk gives it, and its write reaches the qcow2 image as
 * qemu-io sees it, with an image that qemu-img check calls clean.
 */
class VirtioBlkTest {
    /** Sector 300, which the guest fills with 0xc3. */
    private static final String WRITTEN_SECTOR = "153600 512";

    @TempDir
    Path folder;

    @Test
    void guestReadsAndWritesAQcow2ImageAsQemuDoes() throws Exception {
        Path qcow2 = folder.resolve("disk.qcow2");
        Path raw = folder.resolve("disk.raw");
        HostTools.run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "1M");
        HostTools.run("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 64k", qcow2.toString());
        HostTools.run("qemu-img", "convert", "-f", "qcow2", "-O", "raw", qcow2.toString(), raw.toString());

        ProcessResult osmium = ProcessResult.osmium("-M", "virt", "-nographic", "-bios", "none",
                "-drive", "file=" + qcow2 + ",if=virtio", "-kernel", Guests.elf("virtio-blk").toString());
        assertEquals(0, osmium.exitStatus(), osmium.stderr() + osmium.out());

        ProcessResult qemu = ProcessResult.qemu("-M", "virt", "-nographic", "-bios", "none",
                "-global", "virtio-mmio.force-legacy=false",
                "-drive", "file=" + raw + ",if=none,format=raw,id=d0", "-device", "virtio-blk-device,drive=d0",
                "-kernel", Guests.elf("virtio-blk").toString());
        assertEquals(0, qemu.exitStatus(), qemu.stderr());
        assertEquals(qemu.out(), osmium.out());

        String written = HostTools.run("qemu-io", "-f", "qcow2", "-c", "read -P 0xc3 " + WRITTEN_SECTOR, "-c", "read -P 0x5a 0 64k",
                qcow2.toString());
        assertTrue(!written.contains("verification failed"), written);
        assertTrue(HostTools.run("qemu-img", "check", qcow2.toString()).contains("No errors were found on the image."));
    }

    @Test
    void readOnlyDiskRefusesTheGuestsWriteAndStaysUnchanged() throws Exception {
        Path qcow2 = folder.resolve("disk.qcow2");
        HostTools.run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "1M");
        Path uart = folder.resolve("uart.txt");
        ProcessResult osmium = runGuest(qcow2, " readonly=on", uart);
        assertEquals(1, osmium.exitStatus(), osmium.stderr());
        String output = Files.readString(uart);
        assertTrue(output.contains("write 0xc3 to sector 300\n  interrupt-status=0000000000000001\n"
                + "  plic-pending=0000000000000001\n  used-id=0000000000000000\n  used-len=0000000000000001\n"
                + "  status=0000000000000001\n  unexpected, wanted 0000000000000000\n"), output);
        String unchanged = HostTools.run("qemu-io", "-f", "qcow2", "-c", "read -P 0 " + WRITTEN_SECTOR, qcow2.toString());
        assertTrue(!unchanged.contains("verification failed"), unchanged);
    }

    @Test
    void missingImageIsRefusedNamingThePropertyAndTheFile() throws Exception {
        Path missing = folder.resolve("no-such.qcow2");
        Path script = folder.resolve("missing.osm");
        Files.writeString(script, """
                machine:create demo virt
                machine:add virtio-blk disk0 file=%s
                """.formatted(missing));
        ProcessResult osmium = ProcessResult.osmium("--script", script.toString());
        assertEquals(1, osmium.exitStatus());
        assertTrue(osmium.stderr().contains("disk0 (virtio-blk): property 'file': " + missing + ": no such file"),
                osmium.stderr());
    }

    /** Runs the guest program on the virt board with the disk added in the shell: it takes the highest free slot. */
    private ProcessResult runGuest(Path image, String moreProperties, Path uart) throws IOException, InterruptedException {
        Path script = folder.resolve("virtio-blk.osm");
        Files.writeString(script, """
                machine:create demo virt
                machine:set uart0 chardev=file:%s
                machine:add virtio-blk disk0 file=%s%s
                machine:load %s
                machine:start
                machine:wait
                """.formatted(uart, image, moreProperties, Guests.elf("virtio-blk")));
        return ProcessResult.osmium("--script", script.toString());
    }
}
