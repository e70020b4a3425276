package org.osmium.device.ram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** Saving, restoring and comparing RAM state (the blocks the guest used), and refusing records RAM cannot read. */
class RamStateTest {
    private static final int BLOCK = RamBlocks.BLOCK_SIZE;

    private static RamBlocks blocks(Ram ram) {
        return ram.regions().get(0).blocks();
    }

    private static Ram filled(long size, int... usedBlocks) {
        Ram ram = new Ram(size);
        for (int index : usedBlocks) {
            byte[] bytes = blocks(ram).block(index);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31 + 7 + index);
            }
        }
        return ram;
    }

    @Test
    void saveRestoreCompareRoundTripKeepsOnlyUsedBlocks() throws StateException {
        Ram original = filled(3L * BLOCK, 0, 2);
        StateRecord saved = original.saveState();
        assertEquals("ram", saved.type());
        assertEquals(2, saved.version());
        assertEquals(Set.of("size", "block-size", "block.0", "block.2"), saved.names());

        Ram copy = new Ram(3L * BLOCK);
        byte[] mapped = blocks(copy).block(0);
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertSame(mapped, blocks(copy).block(0), "restore fills the mapped block, it does not replace it");
        assertArrayEquals(blocks(original).block(2), blocks(copy).blockIfMade(2));
        assertNull(blocks(copy).blockIfMade(1));
        assertEquals(saved, copy.saveState());
    }

    @Test
    void aBlockUnusedInTheSavedRamIsZeroAfterRestore() throws StateException {
        Ram target = filled(2L * BLOCK, 1);
        target.restoreState(filled(2L * BLOCK, 0).saveState());
        assertArrayEquals(new byte[BLOCK], blocks(target).block(1));
    }

    @Test
    void savedStateIsASnapshotNotAView() throws StateException {
        Ram ram = filled(4096, 0);
        StateRecord saved = ram.saveState();
        blocks(ram).block(0)[0] = 99;
        assertEquals((byte) 7, saved.getBytes("block.0")[0]);
    }

    @Test
    void versionOneStateOfOneArrayIsStillRead() throws StateException {
        byte[] bytes = new byte[8192];
        bytes[8191] = 3;
        Ram ram = new Ram(8192);
        ram.restoreState(StateRecord.builder("ram", 1).put("size", 8192).put("bytes", bytes).build());
        assertEquals(3, blocks(ram).block(0)[8191]);
    }

    @Test
    void differentSizeIsRefusedAndLeavesRamUnchanged() {
        Ram small = new Ram(4096);
        StateException error = assertThrows(StateException.class, () -> small.restoreState(filled(8192, 0).saveState()));
        assertEquals("state 'ram' holds 8192 bytes of RAM but this instance has 4096 bytes; sizes must match", error.getMessage());
        assertNull(blocks(small).blockIfMade(0));
    }

    @Test
    void aBlockOutsideTheRamOrOfTheWrongLengthIsRefused() {
        Ram ram = new Ram(4L << 20);
        StateException outside = assertThrows(StateException.class, () -> ram.restoreState(StateRecord.builder("ram", 2)
                .put("size", 4L << 20).put("block-size", BLOCK).put("block.2", new byte[16]).build()));
        assertEquals("state 'ram' field 'block.2' names no block of this RAM (0..1)", outside.getMessage());
        StateException length = assertThrows(StateException.class, () -> ram.restoreState(StateRecord.builder("ram", 2)
                .put("size", 4L << 20).put("block-size", BLOCK).put("block.1", new byte[16]).build()));
        assertEquals("state 'ram' field 'block.1' holds 16 bytes instead of 2097152", length.getMessage());
    }

    @Test
    void otherTypeIsRefused() {
        StateRecord uart = StateRecord.builder("ns16550a", 1).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(uart));
        assertEquals("state of type 'ns16550a' given where 'ram' is expected", error.getMessage());
    }

    @Test
    void newerVersionIsRefused() {
        StateRecord future = StateRecord.builder("ram", 3).put("size", 4096).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(future));
        assertEquals("state 'ram' version 3 is not readable (this model reads versions 1 to 2)", error.getMessage());
    }

    @Test
    void versionOneSizeFieldThatDisagreesWithTheBytesIsRefused() {
        StateRecord odd = StateRecord.builder("ram", 1).put("size", 4096).put("bytes", new byte[8192]).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(odd));
        assertEquals("state 'ram' field 'size' = 4096 disagrees with its 8192 bytes", error.getMessage());
    }

    @Test
    void missingBytesAreRefused() {
        StateRecord partial = StateRecord.builder("ram", 1).put("size", 4096).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(partial));
        assertEquals("state 'ram' version 1 has no field 'bytes'", error.getMessage());
    }
}
