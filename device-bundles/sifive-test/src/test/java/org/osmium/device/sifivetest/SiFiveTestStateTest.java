package org.osmium.device.sifivetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.testkit.RecordingMachineControl;

/** The finisher's state record: type and version only, round trip and refusals. */
class SiFiveTestStateTest {
    private final SiFiveTest finisher = new SiFiveTest(new RecordingMachineControl());

    @Test
    void saveRestoreCompareRoundTrip() throws StateException {
        StateRecord saved = finisher.saveState();
        assertEquals("sifive-test", saved.type());
        assertEquals(1, saved.version());
        assertTrue(saved.names().isEmpty());
        SiFiveTest copy = new SiFiveTest(new RecordingMachineControl());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
    }

    @Test
    void otherTypeIsRefused() {
        StateException error = assertThrows(StateException.class,
                () -> finisher.restoreState(StateRecord.builder("ram", 1).build()));
        assertEquals("state of type 'ram' given where 'sifive-test' is expected", error.getMessage());
    }

    @Test
    void newerVersionIsRefused() {
        StateException error = assertThrows(StateException.class,
                () -> finisher.restoreState(StateRecord.builder("sifive-test", 2).build()));
        assertEquals("state 'sifive-test' version 2 is not readable (this model reads versions 1 to 1)", error.getMessage());
    }
}
