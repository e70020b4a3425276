package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;

/** Composition, checks before changes, swap and model tracking, on a manager used as a plain object. */
class MachineImplTest {
    private final MachineManagerImpl manager = new MachineManagerImpl();
    private final RegisterDeviceModel model = new RegisterDeviceModel(false);
    private Machine machine;

    @BeforeEach
    void compose() throws Exception {
        manager.modelArrived(model, null, 1L);
        machine = manager.create("test", null);
        machine.add("register", "reg0", Map.of("base", "0x1000"));
    }

    private MachineImpl impl() {
        return (MachineImpl) machine;
    }

    @Test
    void overlappingRegionIsRefusedNamingBothDevices() {
        MachineException refused = assertThrows(MachineException.class,
                () -> machine.add("register", "reg1", Map.of("base", "0x1800")));
        assertEquals("reg1: reg 0x1800-0x27ff overlaps reg0 reg 0x1000-0x1fff", refused.getMessage());
        assertEquals(1, machine.devices().size());
    }

    @Test
    void unknownPropertyIsRefusedWithTheAcceptedNames() {
        MachineException refused = assertThrows(MachineException.class,
                () -> machine.add("register", "reg1", Map.of("bass", "0x9000")));
        assertEquals("reg1 (register): unknown property 'bass'; accepted: base, size", refused.getMessage());
    }

    @Test
    void unknownModelAndDuplicateIdAreRefused() {
        assertEquals("unknown model 'uart'; available: register",
                assertThrows(MachineException.class, () -> machine.add("uart", "u0", Map.of())).getMessage());
        assertTrue(assertThrows(MachineException.class, () -> machine.add("register", "reg0", Map.of("base", "0x9000")))
                .getMessage().startsWith("device id 'reg0' is already used"));
    }

    @Test
    void swapKeepsTheStateAndTheMapping() throws Exception {
        impl().bus().write(0x1000, 8, 0x1234);
        String line = machine.swap("reg0", null);
        assertTrue(line.startsWith("reg0: register:0.0.0 -> register:0.0.0, guest stood still "), line);
        assertEquals(0x1234, impl().bus().read(0x1000, 8));
        assertEquals(2, model.created);
    }

    @Test
    void refusedStateKeepsTheOldInstance() throws Exception {
        impl().bus().write(0x1000, 8, 77);
        manager.modelArrived(new RegisterDeviceModel(true), null, 2L);
        MachineException refused = assertThrows(MachineException.class, () -> machine.swap("reg0", null));
        assertEquals("reg0: register:0.0.0 refused: refused on purpose", refused.getMessage());
        assertEquals(77, impl().bus().read(0x1000, 8));
    }

    @Test
    void vanishedModelLeavesTheSlotWaitingWithItsStateUntilAReplacementComes() throws Exception {
        impl().bus().write(0x1000, 8, 99);
        manager.modelLeft(1L);
        DeviceInfo waiting = machine.devices().get(0);
        assertEquals("register", waiting.waitingFor());
        assertThrows(Exception.class, () -> impl().bus().read(0x1000, 8));
        manager.modelArrived(new RegisterDeviceModel(false), null, 3L);
        assertNull(machine.devices().get(0).waitingFor());
        assertEquals(99, impl().bus().read(0x1000, 8));
    }

    @Test
    void beforeTheFirstStartAPropertyChangeRebuildsTheInstanceFromReset() throws Exception {
        impl().bus().write(0x1000, 8, 5);
        machine.set("reg0", Map.of("base", "0x4000"));
        assertEquals(0, impl().bus().read(0x4000, 8));
        assertEquals("0x4000", machine.devices().get(0).properties().get("base"));
    }

    @Test
    void boardTextRecreatesTheSameMachine() throws Exception {
        machine.add("register", "reg1", Map.of("base", "0x8000", "size", "8K"));
        String text = machine.boardText();
        assertTrue(text.contains("add register reg1 base=0x8000 size=8K\n"), text);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("board", ".board");
        machine.save(file);
        Machine copy = manager.create("copy", file.toString());
        assertEquals(text.lines().skip(1).toList(), copy.boardText().lines().skip(1).toList());
    }

    @Test
    void badBoardFileLineIsNamedWithFileAndLine() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bad", ".board");
        java.nio.file.Files.writeString(file, "# comment\nadd register r0\nfrobnicate x\n");
        MachineException refused = assertThrows(MachineException.class, () -> manager.create("bad", file.toString()));
        assertEquals(file + ":3: unknown statement 'frobnicate'; a board file has 'add' and 'wire' lines", refused.getMessage());
    }
}
