package org.osmium.device.virtiommio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.Device;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.model.ModelException;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.testkit.RecordingDtNode;

/** An empty slot answers as QEMU's virtio-mmio without a backend, and appears in the device tree as QEMU's slots do. */
class EmptySlotTest {
    private final VirtioMmioModel model = new VirtioMmioModel();
    private final Device slot;
    private final MmioHandler registers;

    EmptySlotTest() throws ModelException {
        slot = model.create(null, model.schema().validate("virtio0 (virtio-mmio)", Map.of("base", "0x10001000")));
        registers = slot.regions().getFirst().mmio();
    }

    @Test
    void oneSlotSizedRegion() {
        List<Region> regions = slot.regions();
        assertEquals(1, regions.size());
        assertEquals(0, regions.getFirst().offset());
        assertEquals(0x1000, regions.getFirst().size());
    }

    @Test
    void magicVersionAndVendorReadTheirValuesAndTheRestZero() {
        assertEquals(0x74726976L, registers.read(0x000, 4));
        assertEquals(2, registers.read(0x004, 4));
        assertEquals(0, registers.read(0x008, 4));
        assertEquals(0x554d4551L, registers.read(0x00c, 4));
        assertEquals(0, registers.read(0x034, 4));
        assertEquals(0, registers.read(0x100, 4));
        assertEquals(0, registers.read(0x000, 2));
    }

    @Test
    void writesAreIgnored() {
        registers.write(0x070, 4, 0x0f);
        registers.write(0x030, 4, 0);
        assertEquals(0, registers.read(0x070, 4));
        assertEquals(0, registers.read(0x034, 4));
    }

    @Test
    void deviceTreeNodeIsQemus() {
        DeviceTreeContributor contributor = (DeviceTreeContributor) slot;
        assertEquals("virtio_mmio@10001000", contributor.nodeName(0x10001000L));
        RecordingDtNode node = new RecordingDtNode("/soc/virtio_mmio@10001000");
        contributor.describe(node, new RecordingDtNode("/"));
        assertEquals(Map.of("compatible", "\"virtio,mmio\""), node.properties());
    }

    @Test
    void baseIsRequired() {
        ModelException error = assertThrows(ModelException.class,
                () -> model.schema().validate("virtio0 (virtio-mmio)", Map.of()));
        assertEquals("virtio0 (virtio-mmio): property 'base' is required (an address such as 0x10000000)", error.getMessage());
    }

    @Test
    void saveRestoreCompareRoundTripAndRefusal() throws StateException {
        StateRecord saved = slot.saveState();
        slot.restoreState(saved);
        assertEquals(saved, slot.saveState());
        StateException error = assertThrows(StateException.class, () -> slot.restoreState(StateRecord.builder("ram", 1).build()));
        assertEquals("state of type 'ram' given where 'virtio-mmio-empty' is expected", error.getMessage());
    }
}
