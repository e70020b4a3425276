package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osmium.runtime.MachineException;

/** Board file words: quoting round-trips, bad properties are named. */
class BoardFileTest {
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
