package org.osmium.device.clint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.testkit.TestDeviceContext;

/** Saving, restoring and comparing CLINT state, the timer re-armed from it, and records it refuses. */
class ClintStateTest {
    private final TestDeviceContext context = new TestDeviceContext("clint0");

    private Clint clint(TestDeviceContext on, int harts) {
        IrqLine[] msip = new IrqLine[harts];
        IrqLine[] mtip = new IrqLine[harts];
        for (int hart = 0; hart < harts; hart++) {
            msip[hart] = on.output("msip" + hart);
            mtip[hart] = on.output("mtip" + hart);
        }
        return new Clint(on.clock(), on.timebase(), msip, mtip);
    }

    @Test
    void saveRestoreCompareRoundTripReArmsTheTimer() throws StateException {
        Clint original = clint(context, 2);
        MmioHandler registers = original.regions().get(0).mmio();
        registers.write(0x4, 4, 1);
        registers.write(0x4000, 8, 7000);
        registers.write(0x4008, 8, -1L);
        registers.write(0xbff8, 8, 5000);
        StateRecord saved = original.saveState();
        assertEquals("clint", saved.type());
        assertEquals(1, saved.version());
        assertEquals(2, saved.getLong("msip"));
        assertArrayEquals(new long[] {7000, -1L}, saved.getLongs("mtimecmp"));

        TestDeviceContext other = new TestDeviceContext("clint0");
        Clint copy = clint(other, 2);
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
        assertTrue(other.level("msip1"));
        assertFalse(other.level("mtip0"));
        assertEquals(5000, copy.mtime());
        other.clock().advance(2000 * 100);
        assertTrue(other.level("mtip0"), "the restored mtimecmp armed the timer");
        assertFalse(other.level("mtip1"));
    }

    @Test
    void otherHartCountIsRefused() {
        StateRecord two = clint(context, 2).saveState();
        StateException error = assertThrows(StateException.class, () -> clint(new TestDeviceContext("clint0"), 1).restoreState(two));
        assertEquals("state 'clint' holds 2 harts but this instance has 1; property 'harts' must match", error.getMessage());
    }

    @Test
    void inconsistentFieldsAreRefused() {
        Clint one = clint(context, 1);
        StateRecord wideMask = StateRecord.builder("clint", 1).put("harts", 1).put("msip", 2)
                .put("mtimecmp", new long[1]).put("mtimeOffset", 0).build();
        assertEquals("state 'clint' field 'msip' = 0x2 has bits beyond hart 0",
                assertThrows(StateException.class, () -> one.restoreState(wideMask)).getMessage());
        StateRecord shortCompare = StateRecord.builder("clint", 1).put("harts", 1).put("msip", 0)
                .put("mtimecmp", new long[0]).put("mtimeOffset", 0).build();
        assertEquals("state 'clint' field 'mtimecmp' holds 0 values for 1 harts",
                assertThrows(StateException.class, () -> one.restoreState(shortCompare)).getMessage());
        StateRecord missing = StateRecord.builder("clint", 1).put("harts", 1).put("msip", 0).put("mtimecmp", new long[1]).build();
        assertEquals("state 'clint' version 1 has no field 'mtimeOffset'",
                assertThrows(StateException.class, () -> one.restoreState(missing)).getMessage());
    }

    @Test
    void otherTypeAndNewerVersionAreRefused() {
        Clint one = clint(context, 1);
        assertEquals("state of type 'plic' given where 'clint' is expected",
                assertThrows(StateException.class, () -> one.restoreState(StateRecord.builder("plic", 1).build())).getMessage());
        assertEquals("state 'clint' version 2 is not readable (this model reads versions 1 to 1)",
                assertThrows(StateException.class, () -> one.restoreState(StateRecord.builder("clint", 2).build())).getMessage());
    }
}
