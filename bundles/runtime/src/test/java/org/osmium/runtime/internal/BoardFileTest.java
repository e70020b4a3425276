package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;

/** Board file words: quoting round-trips, bad properties are named; properties set on top of a board's. */
class BoardFileTest {
    @Test
    void propertiesGivenByIdReplaceTheBoardsBeforeTheDeviceIsMade() throws Exception {
        MachineManagerImpl manager = new MachineManagerImpl();
        manager.modelArrived(new RegisterDeviceModel(false), null, 1L);
        Machine machine = manager.create("board", null);
        BoardFile.apply("test.board", "add register r0 base=0x1000\nadd register r1 base=0x2000\n",
                Map.of("r1", Map.of("base", "0x8000")), machine);
        assertEquals(List.of("0x1000", "0x8000"),
                machine.devices().stream().map(device -> device.properties().get("base")).toList());
    }

    @Test
    void propertiesForADeviceTheBoardLacksAreRefused() throws Exception {
        MachineManagerImpl manager = new MachineManagerImpl();
        manager.modelArrived(new RegisterDeviceModel(false), null, 1L);
        Machine machine = manager.create("board", null);
        MachineException refused = assertThrows(MachineException.class, () -> BoardFile.apply("test.board",
                "add register r0 base=0x1000\n", Map.of("ram0", Map.of("size", "256M")), machine));
        assertEquals("board test.board has no device ram0 to set properties of", refused.getMessage());
    }

    @Test
    void quotedValuesKeepTheirSpaces() throws Exception {
        assertEquals(List.of("add", "ns16550a", "uart0", "chardev=file:/tmp/a b"),
                BoardFile.tokens("add ns16550a uart0 chardev=\"file:/tmp/a b\""));
    }

    @Test
    void quoteRoundTrips() throws Exception {
        for (String value : List.of("plain", "with space", "")) {
            assertEquals(List.of("k=" + value), BoardFile.tokens("k=" + BoardFile.quote(value)));
        }
    }

    @Test
    void wordsWithoutEqualsOrRepeatedKeysAreRefused() {
        assertEquals("'size' is not key=value",
                assertThrows(MachineException.class, () -> BoardFile.properties(List.of("size"))).getMessage());
        assertEquals("property 'a' is given twice",
                assertThrows(MachineException.class, () -> BoardFile.properties(List.of("a=1", "a=2"))).getMessage());
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThrows(MachineException.class, () -> BoardFile.tokens("add x y k=\"open"));
    }
}
