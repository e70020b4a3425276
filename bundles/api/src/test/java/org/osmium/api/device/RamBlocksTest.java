package org.osmium.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RAM in blocks made on first use, and one array wrapped as RAM. */
class RamBlocksTest {
    private static final int BLOCK = RamBlocks.BLOCK_SIZE;

    @Test
    void blocksAreMadeOnFirstUseAndTheLastIsShorter() {
        RamBlocks ram = new RamBlocks(2L * BLOCK + 4096);
        assertEquals(3, ram.blockCount());
        assertNull(ram.blockIfMade(2));
        byte[] last = ram.block(2);
        assertEquals(4096, last.length);
        assertSame(last, ram.block(2));
        assertEquals(2, ram.blockIndex(2L * BLOCK + 10));
        assertEquals(2L * BLOCK, ram.blockOffset(2));
    }

    @Test
    void writesCrossBlocksAndMakeOnlyTheBlocksTheyReach() {
        RamBlocks ram = new RamBlocks(3L * BLOCK);
        ram.write(BLOCK - 2, new byte[] {1, 2, 3, 4}, 0, 4);
        assertEquals(2, ram.block(0)[BLOCK - 1]);
        assertEquals(3, ram.block(1)[0]);
        assertNull(ram.blockIfMade(2));
    }

    @Test
    void aWrappedArrayIsOneBlockOfItsOwnLength() {
        byte[] bytes = new byte[3 * BLOCK];
        RamBlocks ram = RamBlocks.of(bytes);
        assertEquals(1, ram.blockCount());
        assertEquals(0, ram.blockIndex(3L * BLOCK - 1));
        assertSame(bytes, ram.blockIfMade(0));
        assertEquals(bytes, new Region("rom", 0, bytes.length, null, bytes).blocks().block(0));
    }

    @Test
    void copiesOutsideTheRamAreRefusedWithTheRange() {
        RamBlocks ram = new RamBlocks(4096);
        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class, () -> ram.write(4090, new byte[8], 0, 8));
        assertEquals("bytes 4090+8 are outside RAM of 4096 bytes", error.getMessage());
    }

    @Test
    void aRegionIsEitherMmioOrRamOfItsSize() {
        assertEquals("region 'ram' RAM of 4096 bytes differs from its size 8192",
                assertThrows(IllegalArgumentException.class, () -> new Region("ram", 0, 8192, null, null, new RamBlocks(4096)))
                        .getMessage());
        assertEquals("region 'ram' has two different RAM arrays", assertThrows(IllegalArgumentException.class,
                () -> new Region("ram", 0, 16, null, new byte[16], RamBlocks.of(new byte[16]))).getMessage());
    }
}
