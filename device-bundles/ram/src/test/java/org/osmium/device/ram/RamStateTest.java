package org.osmium.device.ram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** Saving, restoring and comparing RAM state, and refusing records RAM cannot read. */
class RamStateTest {
    private static Ram filled(int size) {
        Ram ram = new Ram(size);
        byte[] bytes = ram.regions().get(0).ram();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return ram;
    }

    @Test
    void saveRestoreCompareRoundTrip() throws StateException {
        Ram original = filled(8192);
        StateRecord saved = original.saveState();
        assertEquals("ram", saved.type());
        assertEquals(1, saved.version());
        assertEquals(8192, saved.getLong("size"));

        Ram copy = new Ram(8192);
        byte[] mapped = copy.regions().get(0).ram();
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
        assertSame(mapped, copy.regions().get(0).ram(), "restore fills the mapped array, it does not replace it");
        assertArrayEquals(original.regions().get(0).ram(), mapped);
    }

    @Test
    void savedStateIsASnapshotNotAView() throws StateException {
        Ram ram = filled(4096);
        StateRecord saved = ram.saveState();
        ram.regions().get(0).ram()[0] = 99;
        assertEquals((byte) 7, saved.getBytes("bytes")[0]);
    }

    @Test
    void differentSizeIsRefusedAndLeavesRamUnchanged() {
        Ram small = new Ram(4096);
        StateException error = assertThrows(StateException.class, () -> small.restoreState(filled(8192).saveState()));
        assertEquals("state 'ram' holds 8192 bytes of RAM but this instance has 4096 bytes; sizes must match", error.getMessage());
        assertEquals(0, small.regions().get(0).ram()[1]);
    }

    @Test
    void otherTypeIsRefused() {
        StateRecord uart = StateRecord.builder("ns16550a", 1).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(uart));
        assertEquals("state of type 'ns16550a' given where 'ram' is expected", error.getMessage());
    }

    @Test
    void newerVersionIsRefused() {
        StateRecord future = StateRecord.builder("ram", 2).put("size", 4096).put("bytes", new byte[4096]).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(future));
        assertEquals("state 'ram' version 2 is not readable (this model reads versions 1 to 1)", error.getMessage());
    }

    @Test
    void sizeFieldThatDisagreesWithTheBytesIsRefused() {
        StateRecord odd = StateRecord.builder("ram", 1).put("size", 8192).put("bytes", new byte[4096]).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(odd));
        assertEquals("state 'ram' field 'size' = 8192 disagrees with its 4096 bytes", error.getMessage());
    }

    @Test
    void missingBytesAreRefused() {
        StateRecord partial = StateRecord.builder("ram", 1).put("size", 4096).build();
        StateException error = assertThrows(StateException.class, () -> new Ram(4096).restoreState(partial));
        assertEquals("state 'ram' version 1 has no field 'bytes'", error.getMessage());
    }
}
