package org.osmium.device.virtioblk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.api.device.Device;
import org.osmium.api.model.Configuration;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.block.BlockImages;
import org.osmium.virtio.TestDriver;
import org.osmium.virtio.TestDriver.Buffer;
import org.osmium.virtio.TestRam;
import org.osmium.virtio.VirtioMmio;

/** The state record moves a running virtio-blk to a new instance on the same image, as a hot-swap does. */
class VirtioBlkStateTest {
    private static final long HEADER = TestRam.BASE + 0x10000, DATA = TestRam.BASE + 0x20000, STATUS = TestRam.BASE + 0x30000;

    @TempDir
    Path folder;

    private final TestRam ram = new TestRam();
    private final VirtioBlkModel model = new VirtioBlkModel();

    private Device create(Configuration configuration) throws Exception {
        return model.create(new TestDeviceContext("disk0", ram), configuration);
    }

    @Test
    void saveRestoreCompareRoundTripKeepsTheQueueGoing() throws Exception {
        Path image = folder.resolve("disk.qcow2");
        BlockImages.create(image, "qcow2", 1 << 20, Map.of());
        Configuration configuration = model.schema().validate("disk0 (virtio-blk)",
                Map.of("base", "0x10008000", "file", image.toString()));
        Device first = create(configuration);
        TestDriver driver = new TestDriver(first.regions().getFirst().mmio(), ram);
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        ram.view.putInt(ram.index(HEADER), BlockRequests.T_OUT).putLong(ram.index(HEADER) + 8, 1);
        Arrays.fill(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + 512, (byte) 0x42);
        driver.submit(0, Buffer.in(HEADER, 16), Buffer.in(DATA, 512), Buffer.out(STATUS, 1));
        StateRecord saved = first.saveState();
        first.close();

        Device second = create(configuration);
        try {
            second.restoreState(saved);
            assertEquals(saved, second.saveState());
            TestDriver next = new TestDriver(second.regions().getFirst().mmio(), ram);
            next.useQueueSize(8);
            ram.view.putInt(ram.index(HEADER), BlockRequests.T_IN);
            Arrays.fill(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + 512, (byte) 0);
            assertEquals(513, next.submit(3, Buffer.in(HEADER, 16), Buffer.out(DATA, 512), Buffer.out(STATUS, 1)));
            assertEquals(0, ram.region.bytes()[ram.index(STATUS)]);
            byte[] expected = new byte[512];
            Arrays.fill(expected, (byte) 0x42);
            assertArrayEquals(expected, Arrays.copyOfRange(ram.region.bytes(), ram.index(DATA), ram.index(DATA) + 512));
        } finally {
            second.close();
        }
    }

    @Test
    void otherTypesAndNewerVersionsAreRefused() throws Exception {
        Path image = folder.resolve("disk.raw");
        BlockImages.create(image, "raw", 1 << 20, Map.of());
        Device device = create(model.schema().validate("disk0 (virtio-blk)", Map.of("base", "0x10008000", "file", image.toString())));
        try {
            StateRecord before = device.saveState();
            assertEquals("state of type 'ram' given where 'virtio-blk' is expected", assertThrows(StateException.class,
                    () -> device.restoreState(StateRecord.builder("ram", 1).build())).getMessage());
            assertEquals("state 'virtio-blk' version 2 is not readable (this model reads versions 1 to 1)",
                    assertThrows(StateException.class,
                            () -> device.restoreState(StateRecord.builder("virtio-blk", 2).build())).getMessage());
            assertEquals(before, device.saveState());
        } finally {
            device.close();
        }
    }
}
