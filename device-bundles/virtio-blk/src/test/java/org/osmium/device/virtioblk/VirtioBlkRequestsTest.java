package org.osmium.device.virtioblk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.api.device.Device;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.model.ModelException;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.OpenOptions;
import org.osmium.virtio.TestDriver;
import org.osmium.virtio.TestDriver.Buffer;
import org.osmium.virtio.TestRam;
import org.osmium.virtio.VirtioMmio;

/** virtio-blk requests through the transport against a real image: data, status bytes, features and configuration. */
class VirtioBlkRequestsTest {
    private static final long HEADER = TestRam.BASE + 0x10000, DATA = TestRam.BASE + 0x20000, STATUS = TestRam.BASE + 0x30000;
    private static final int SECTOR = 512;
    private static final long DISK_SIZE = 1 << 20;

    @TempDir
    Path folder;

    private final TestRam ram = new TestRam();
    private Device device;
    private TestDriver driver;
    private Path image;

    @AfterEach
    void closeDevice() {
        if (device != null) {
            device.close();
        }
    }

    /** A 1 MiB raw image whose sector n holds bytes n + 1, and a device on it with the queue set up. */
    private void start(String... properties) throws Exception {
        image = folder.resolve("disk.raw");
        BlockImages.create(image, "raw", DISK_SIZE, Map.of());
        try (BlockImage writer = BlockImages.open(image, OpenOptions.forWriting())) {
            byte[] sector = new byte[SECTOR];
            for (int n = 0; n < DISK_SIZE / SECTOR; n++) {
                Arrays.fill(sector, (byte) (n + 1));
                writer.write((long) n * SECTOR, sector, 0, SECTOR);
            }
        }
        Map<String, String> settings = new java.util.HashMap<>(Map.of("base", "0x10008000", "file", image.toString()));
        for (String property : properties) {
            String[] pair = property.split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        VirtioBlkModel model = new VirtioBlkModel();
        device = model.create(new TestDeviceContext("disk0", ram), model.schema().validate("disk0 (virtio-blk)", settings));
        driver = new TestDriver(device.regions().getFirst().mmio(), ram);
        assertEquals(0x0b, driver.negotiate(VirtioMmio.F_VERSION_1 | BlockRequests.F_FLUSH));
        driver.setUpQueue(16);
    }

    private void header(int type, long sector) {
        ram.view.putInt(ram.index(HEADER), type).putInt(ram.index(HEADER) + 4, 0).putLong(ram.index(HEADER) + 8, sector);
        ram.region.bytes()[ram.index(STATUS)] = (byte) 0xff;
    }

    private int status() {
        return ram.region.bytes()[ram.index(STATUS)] & 0xff;
    }

    private byte[] guestData(int length) {
        return Arrays.copyOfRange(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + length);
    }

    private byte[] imageBytes(long offset, int length) throws BlockException {
        device.close();
        byte[] bytes = new byte[length];
        try (BlockImage reader = BlockImages.open(image, OpenOptions.forReading())) {
            reader.read(offset, bytes, 0, length);
        }
        return bytes;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void configurationSpaceDescribesTheDisk() throws Exception {
        start();
        MmioHandler registers = device.regions().getFirst().mmio();
        assertEquals(2, registers.read(0x008, 4));
        assertEquals(DISK_SIZE / SECTOR, registers.read(0x100, 8));
        assertEquals(254, registers.read(0x10c, 4));
        assertEquals(512, registers.read(0x114, 4));
        driver.write(0x014, 0);
        assertEquals(BlockRequests.F_SEG_MAX | BlockRequests.F_BLK_SIZE | BlockRequests.F_FLUSH | BlockRequests.F_DISCARD
                | BlockRequests.F_WRITE_ZEROES, driver.read(0x010));
    }

    @Test
    void readFillsEveryBufferOfTheChain() throws Exception {
        start();
        header(BlockRequests.T_IN, 2);
        long used = driver.submit(0, Buffer.in(HEADER, 16), Buffer.out(DATA, 100), Buffer.out(DATA + 100, 924),
                Buffer.out(STATUS, 1));
        assertEquals(1025, used);
        assertEquals(BlockRequests.S_OK, status());
        byte[] expected = new byte[1024];
        Arrays.fill(expected, 0, 512, (byte) 3);
        Arrays.fill(expected, 512, 1024, (byte) 4);
        assertArrayEquals(expected, guestData(1024));
        assertTrue(ram.modified.contains(Long.toHexString(DATA) + "+100"), ram.modified.toString());
    }

    @Test
    void writeReachesTheImageAndSurvivesClose() throws Exception {
        start();
        header(BlockRequests.T_OUT, 5);
        Arrays.fill(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + SECTOR, (byte) 0xc3);
        assertEquals(1, driver.submit(0, Buffer.in(HEADER, 16), Buffer.in(DATA, SECTOR), Buffer.out(STATUS, 1)));
        assertEquals(BlockRequests.S_OK, status());
        header(BlockRequests.T_FLUSH, 0);
        assertEquals(1, driver.submit(3, Buffer.in(HEADER, 16), Buffer.out(STATUS, 1)));
        assertEquals(BlockRequests.S_OK, status());
        assertArrayEquals(filled(SECTOR, 0xc3), imageBytes(5L * SECTOR, SECTOR));
    }

    @Test
    void headerAndDataMayShareOneBuffer() throws Exception {
        start();
        header(BlockRequests.T_OUT, 7);
        Arrays.fill(ram.region.bytes(), ram.index(HEADER) + 16, ram.index(HEADER) + 16 + SECTOR, (byte) 0x77);
        driver.submit(0, Buffer.in(HEADER, 16 + SECTOR), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_OK, status());
        assertArrayEquals(filled(SECTOR, 0x77), imageBytes(7L * SECTOR, SECTOR));
    }

    @Test
    void outOfRangeAndPartialSectorsAreIoErrors() throws Exception {
        start();
        header(BlockRequests.T_IN, DISK_SIZE / SECTOR - 1);
        assertEquals(1025, driver.submit(0, Buffer.in(HEADER, 16), Buffer.out(DATA, 1024), Buffer.out(STATUS, 1)));
        assertEquals(BlockRequests.S_IOERR, status());
        header(BlockRequests.T_IN, 0);
        driver.submit(3, Buffer.in(HEADER, 16), Buffer.out(DATA, 100), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_IOERR, status());
        header(BlockRequests.T_IN, -1);
        driver.submit(6, Buffer.in(HEADER, 16), Buffer.out(DATA, SECTOR), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_IOERR, status());
    }

    @Test
    void unknownTypeIsUnsupported() throws Exception {
        start();
        header(99, 0);
        driver.submit(0, Buffer.in(HEADER, 16), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_UNSUPP, status());
    }

    @Test
    void getIdGivesTheSerialZeroPadded() throws Exception {
        start("serial=OSM-1234");
        header(BlockRequests.T_GET_ID, 0);
        Arrays.fill(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + 20, (byte) 0xee);
        assertEquals(21, driver.submit(0, Buffer.in(HEADER, 16), Buffer.out(DATA, 20), Buffer.out(STATUS, 1)));
        assertEquals(BlockRequests.S_OK, status());
        assertArrayEquals(Arrays.copyOf("OSM-1234".getBytes(), 20), guestData(20));
    }

    @Test
    void writeZeroesAndDiscardClearTheirRanges() throws Exception {
        start();
        header(BlockRequests.T_WRITE_ZEROES, 0);
        ram.view.putLong(ram.index(DATA), 10).putInt(ram.index(DATA) + 8, 2).putInt(ram.index(DATA) + 12, 1);
        driver.submit(0, Buffer.in(HEADER, 16), Buffer.in(DATA, 16), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_OK, status());
        header(BlockRequests.T_DISCARD, 0);
        ram.view.putLong(ram.index(DATA), 20).putInt(ram.index(DATA) + 8, 1).putInt(ram.index(DATA) + 12, 1);
        driver.submit(3, Buffer.in(HEADER, 16), Buffer.in(DATA, 16), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_UNSUPP, status(), "discard takes no flags");
        ram.view.putInt(ram.index(DATA) + 12, 0);
        driver.submit(6, Buffer.in(HEADER, 16), Buffer.in(DATA, 16), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_OK, status());
        byte[] disk = imageBytes(9L * SECTOR, 3 * SECTOR);
        assertArrayEquals(filled(SECTOR, 10), Arrays.copyOfRange(disk, 0, SECTOR));
        assertArrayEquals(filled(2 * SECTOR, 0), Arrays.copyOfRange(disk, SECTOR, 3 * SECTOR));
    }

    @Test
    void readOnlyDiskSaysSoAndRefusesWrites() throws Exception {
        start("readonly=on");
        driver.write(0x014, 0);
        int features = driver.read(0x010);
        assertEquals(BlockRequests.F_RO, features & BlockRequests.F_RO);
        assertEquals(0, features & (BlockRequests.F_DISCARD | BlockRequests.F_WRITE_ZEROES));
        header(BlockRequests.T_OUT, 5);
        driver.submit(0, Buffer.in(HEADER, 16), Buffer.in(DATA, SECTOR), Buffer.out(STATUS, 1));
        assertEquals(BlockRequests.S_IOERR, status());
        assertArrayEquals(filled(SECTOR, 6), imageBytes(5L * SECTOR, SECTOR));
    }

    @Test
    void requestWithoutStatusByteMakesTheDeviceNeedAReset() throws Exception {
        start();
        header(BlockRequests.T_IN, 0);
        assertEquals(-1, driver.submit(0, Buffer.in(HEADER, 16)));
        assertEquals(VirtioMmio.STATUS_DEVICE_NEEDS_RESET, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void badPropertiesAreRefusedNamingThem() throws Exception {
        VirtioBlkModel model = new VirtioBlkModel();
        TestDeviceContext context = new TestDeviceContext("disk0", ram);
        Path missing = folder.resolve("missing.qcow2");
        assertEquals("disk0 (virtio-blk): property 'file': " + missing + ": no such file",
                refusal(model, context, Map.of("file", missing.toString())));
        assertEquals("disk0 (virtio-blk): property 'format': 'vmdk' is not auto, raw or qcow2",
                refusal(model, context, Map.of("file", missing.toString(), "format", "vmdk")));
        assertEquals("disk0 (virtio-blk): property 'serial': 'abcdefghijklmnopqrstu' is longer than 20 bytes",
                refusal(model, context, Map.of("file", missing.toString(), "serial", "abcdefghijklmnopqrstu")));
        Path raw = folder.resolve("disk.raw");
        BlockImages.create(raw, "raw", DISK_SIZE, Map.of());
        assertTrue(refusal(model, context, Map.of("file", raw.toString(), "format", "qcow2")).startsWith(
                "disk0 (virtio-blk): property 'file': " + raw), "format mismatch names the file");
    }

    private static String refusal(VirtioBlkModel model, TestDeviceContext context, Map<String, String> properties) {
        Map<String, String> settings = new java.util.HashMap<>(properties);
        settings.put("base", "0x10008000");
        try {
            model.create(context, model.schema().validate("disk0 (virtio-blk)", settings)).close();
            return "accepted";
        } catch (ModelException e) {
            return e.getMessage();
        }
    }
}
