package org.osmium.device.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.device.Device;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.device.Region;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.ModelException;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.TestDeviceContext;

/** The RAM model: its properties, their limits, its region and its behaviour on reset. */
class RamTest {
    private final RamModel model = new RamModel();

    private Device create(Map<String, String> settings) throws ModelException {
        Configuration configuration = model.schema().validate("ram0 (ram)", settings);
        return model.create(new TestDeviceContext("ram0"), configuration);
    }

    @Test
    void defaultsAreQemuVirtsBaseAnd128MWithAMemoryNode() throws ModelException {
        Configuration configuration = model.schema().validate("ram0 (ram)", Map.of());
        assertEquals(0x80000000L, configuration.getLong("base"));
        assertEquals(128L << 20, configuration.getLong("size"));
        assertEquals(Map.of("base", "0x80000000", "size", "128M", "memory-node", "on"), configuration.asText());
        assertEquals("ram", model.type());
    }

    @Test
    void oneRamRegionOfTheConfiguredSizeAtOffsetZero() throws ModelException {
        Device ram = create(Map.of("size", "64K"));
        assertEquals(1, ram.regions().size());
        Region region = ram.regions().get(0);
        assertTrue(region.isRam());
        assertEquals(0, region.offset());
        assertEquals(64 * 1024, region.size());
        assertSame(region.blocks(), ram.regions().get(0).blocks(), "the region is the same host memory each time");
    }

    @Test
    void hostMemoryIsTakenOnlyForBlocksTheGuestUses() throws ModelException {
        RamBlocks blocks = create(Map.of("size", "4G")).regions().get(0).blocks();
        assertEquals(4L << 30, blocks.size());
        assertEquals(2048, blocks.blockCount());
        assertNull(blocks.blockIfMade(2047));
        byte[] last = blocks.block(2047);
        assertEquals(RamBlocks.BLOCK_SIZE, last.length);
        assertSame(last, blocks.blockIfMade(2047));
        assertNull(blocks.blockIfMade(0));
    }

    @Test
    void resetLeavesContentsAlone() throws ModelException {
        Device ram = create(Map.of("size", "8K"));
        byte[] bytes = ram.regions().get(0).blocks().block(0);
        bytes[0] = 0x12;
        bytes[8191] = (byte) 0xef;
        ram.reset();
        assertEquals(0x12, bytes[0]);
        assertEquals((byte) 0xef, bytes[8191]);
    }

    @Test
    void zeroSizeIsRefused() {
        ModelException error = assertThrows(ModelException.class, () -> create(Map.of("size", "0")));
        assertEquals("ram0 (ram): property 'size' = 0 bytes must not be 0", error.getMessage());
    }

    @Test
    void sizeOutsideWholePagesIsRefused() {
        ModelException error = assertThrows(ModelException.class, () -> create(Map.of("size", "4097")));
        assertEquals("ram0 (ram): property 'size' = 4097 bytes is not a multiple of 4K (4096 bytes)", error.getMessage());
    }

    @Test
    void sizeAboveTheJavaHeapIsRefusedNamingTheHeap() {
        ModelException error = assertThrows(ModelException.class, () -> create(Map.of("size", "1024G")));
        long heapForRam = Runtime.getRuntime().maxMemory() - RamModel.HEAP_RESERVE;
        assertEquals("ram0 (ram): property 'size' = 1099511627776 bytes is more than this Java heap can hold (" + heapForRam
                + " bytes: its maximum less 256M for the rest); give Java a larger -Xmx (./osmium: OSMIUM_JAVA_OPTIONS=-Xmx...)",
                error.getMessage());
    }

    @Test
    void malformedSizeIsRefusedByTheSchema() {
        ModelException error = assertThrows(ModelException.class, () -> create(Map.of("size", "lots")));
        assertEquals("ram0 (ram): property 'size': 'lots' is not a size such as 4096, 64K, 128M or 1G", error.getMessage());
    }

    @Test
    void unknownPropertyIsRefusedByTheSchema() {
        ModelException error = assertThrows(ModelException.class, () -> create(Map.of("sise", "1M")));
        assertEquals("ram0 (ram): unknown property 'sise'; accepted: base, size, memory-node", error.getMessage());
    }

    @Test
    void deviceTreeNodeIsQemusMemoryNodeAtTheRoot() throws ModelException {
        SystemRam ram = (SystemRam) create(Map.of("size", "4K"));
        RecordingDtNode node = new RecordingDtNode("/memory@80000000");
        ram.describe(node, new RecordingDtNode("/"));
        assertEquals("/", ram.parentPath());
        assertEquals("memory@80000000", ram.nodeName(0x80000000L));
        assertEquals(Map.of("device_type", "\"memory\""), node.properties());
        assertTrue(ram.regFromRegions());
    }

    @Test
    void withoutMemoryNodeItStaysOutOfTheDeviceTree() throws ModelException {
        Device rom = create(Map.of("size", "60K", "memory-node", "off"));
        assertFalse(rom instanceof DeviceTreeContributor);
        assertEquals(60 * 1024, rom.regions().get(0).size());
    }
}
