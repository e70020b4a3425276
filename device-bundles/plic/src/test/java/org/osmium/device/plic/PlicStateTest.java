package org.osmium.device.plic;

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

/** Saving, restoring and comparing PLIC state, including lines in service and still high, and refused records. */
class PlicStateTest {
    private static Plic plic(TestDeviceContext on, int sources, int harts) {
        IrqLine[] outputs = new IrqLine[2 * harts];
        for (int hart = 0; hart < harts; hart++) {
            outputs[2 * hart] = on.output("meip" + hart);
            outputs[2 * hart + 1] = on.output("seip" + hart);
        }
        return new Plic(sources, outputs);
    }

    @Test
    void saveRestoreCompareRoundTripKeepsServiceAndLineLevels() throws StateException {
        Plic original = plic(new TestDeviceContext("plic0"), 96, 1);
        MmioHandler registers = original.regions().get(0).mmio();
        registers.write(40, 4, 5);
        registers.write(44, 4, 3);
        registers.write(0x2000, 4, 1 << 10 | 1 << 11);
        registers.write(0x200000, 4, 2);
        original.inputs().get("10").set(true);
        original.inputs().get("11").set(true);
        assertEquals(10, registers.read(0x200004, 4));
        StateRecord saved = original.saveState();
        assertEquals("plic", saved.type());
        assertEquals(1, saved.version());

        TestDeviceContext other = new TestDeviceContext("plic0");
        Plic copy = plic(other, 96, 1);
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
        MmioHandler copied = copy.regions().get(0).mmio();
        assertTrue(other.level("meip0"), "source 11 still pending and enabled");
        assertEquals(11, copied.read(0x200004, 4));
        assertFalse(other.level("meip0"));
        copied.write(0x200004, 4, 10);
        assertTrue(other.level("meip0"), "line 10 was high when saved: completing re-pends it");
    }

    @Test
    void otherShapeIsRefused() {
        StateRecord saved = plic(new TestDeviceContext("plic0"), 96, 1).saveState();
        StateException error = assertThrows(StateException.class, () -> plic(new TestDeviceContext("plic0"), 64, 2).restoreState(saved));
        assertEquals("state 'plic' holds 96 sources and 2 contexts but this instance has 64 and 4;"
                + " properties 'num-sources' and 'harts' must match", error.getMessage());
    }

    @Test
    void badFieldsAreRefused() {
        Plic plic = plic(new TestDeviceContext("plic0"), 32, 1);
        StateRecord.Builder base = StateRecord.builder("plic", 1).put("sources", 32).put("contexts", 2)
                .put("threshold", new long[2]).put("pending", new long[1]).put("claimed", new long[1])
                .put("enables", new long[2]).put("levels", new long[1]);
        long[] priorities = new long[32];
        priorities[3] = 8;
        StateRecord badPriority = base.put("priority", priorities).build();
        assertEquals("state 'plic' field 'priority' [3] = 8 is not a priority (0 to 7)",
                assertThrows(StateException.class, () -> plic.restoreState(badPriority)).getMessage());
        StateRecord shortEnables = StateRecord.builder("plic", 1).put("sources", 32).put("contexts", 2)
                .put("priority", new long[32]).put("threshold", new long[2]).put("pending", new long[1])
                .put("claimed", new long[1]).put("enables", new long[1]).put("levels", new long[1]).build();
        assertEquals("state 'plic' field 'enables' holds 1 values; 2 expected",
                assertThrows(StateException.class, () -> plic.restoreState(shortEnables)).getMessage());
        StateRecord wideWord = StateRecord.builder("plic", 1).put("sources", 32).put("contexts", 2)
                .put("priority", new long[32]).put("threshold", new long[2]).put("pending", new long[] {1L << 32})
                .put("claimed", new long[1]).put("enables", new long[2]).put("levels", new long[1]).build();
        assertEquals("state 'plic' field 'pending' [0] = 0x100000000 does not fit in 32 bits",
                assertThrows(StateException.class, () -> plic.restoreState(wideWord)).getMessage());
    }

    @Test
    void otherTypeAndNewerVersionAreRefused() {
        Plic plic = plic(new TestDeviceContext("plic0"), 96, 1);
        assertEquals("state of type 'clint' given where 'plic' is expected",
                assertThrows(StateException.class, () -> plic.restoreState(StateRecord.builder("clint", 1).build())).getMessage());
        assertEquals("state 'plic' version 2 is not readable (this model reads versions 1 to 1)",
                assertThrows(StateException.class, () -> plic.restoreState(StateRecord.builder("plic", 2).build())).getMessage());
    }
}
