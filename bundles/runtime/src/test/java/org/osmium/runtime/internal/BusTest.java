package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.device.RamRegion;
import org.osmium.api.device.Region;
import org.osmium.runtime.MachineException;

/** RAM on the bus: reached a block at a time, with accesses and loads across blocks, beside a ROM of one array. */
class BusTest {
    private static final long BASE = 0x8000_0000L;
    private static final int BLOCK = RamBlocks.BLOCK_SIZE;

    private final List<String> modified = new ArrayList<>();
    private final Bus bus = new Bus(new Bus.AddressSpaceListener() {
        @Override
        public void codeModified(long address, long length) {
            modified.add(Long.toHexString(address) + "+" + length);
        }

        @Override
        public void mappingChanged() {
        }
    });
    private final RamBlocks blocks = new RamBlocks(4L * BLOCK);
    private final byte[] rom = new byte[4096];

    BusTest() {
        bus.map("ram0", BASE, List.of(Region.ram("ram", 0, blocks)));
        bus.map("rom", 0x1000, List.of(Region.ram("ram", 0, rom)));
    }

    @Test
    void ramIsReachedABlockAtATimeAndTheRomAsItsArray() {
        RamRegion second = bus.ram(BASE + BLOCK + 8);
        assertEquals(BASE + BLOCK, second.base());
        assertSame(blocks.blockIfMade(1), second.bytes());
        assertSame(second, bus.ram(BASE + 2L * BLOCK - 1));
        assertNull(blocks.blockIfMade(0), "only the block asked for is made");
        assertSame(rom, bus.ram(0x1fff).bytes());
        assertNull(bus.ram(BASE + 4L * BLOCK));
        assertEquals(new RamRange(BASE, 4L * BLOCK), bus.mainRam());
        assertEquals(new RamRange(0x1000, 4096), bus.ramRange(0x1800));
    }

    @Test
    void anAccessAcrossTwoBlocksReachesBoth() throws Exception {
        long edge = BASE + BLOCK;
        bus.write(edge - 4, 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, bus.read(edge - 4, 8));
        assertEquals(0x5566_7788L, bus.read(edge - 4, 4));
        assertEquals(0x1122_3344L, bus.read(edge, 4));
    }

    @Test
    void aLoadAcrossBlocksLandsInBothAndTellsTheCpus() throws Exception {
        byte[] image = new byte[BLOCK + 16];
        image[0] = 1;
        image[BLOCK + 15] = 2;
        bus.writeRam(BASE + 8, image, 0, image.length);
        assertEquals(1, bus.read(BASE + 8, 1));
        assertEquals(2, bus.read(BASE + 8 + BLOCK + 15, 1));
        assertEquals(List.of("80000008+" + image.length), modified);
    }

    @Test
    void aLoadRunningOffTheEndOfRamIsRefusedNamingTheRam() {
        MachineException error = assertThrows(MachineException.class,
                () -> bus.writeRam(BASE + 4L * BLOCK - 4, new byte[8], 0, 8));
        assertEquals("0x807ffffc-0x80800003 is not inside one RAM region (RAM: 0x80000000-0x807fffff 0x1000-0x1fff)",
                error.getMessage());
    }
}
