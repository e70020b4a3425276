package org.osmium.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Hexdumps, register tables, text tables and exit lines, formatted and parsed without Gogo. */
class FormattingTest {

    @Test
    void hexdumpMatchesXxd() {
        byte[] bytes = "Osmium\u0000\u00ff RISC-V emulator\n".getBytes(StandardCharsets.ISO_8859_1);
        // what xxd -o 0x80000000 prints for the same 25 bytes
        assertEquals("""
                80000000: 4f73 6d69 756d 00ff 2052 4953 432d 5620  Osmium.. RISC-V\s
                80000010: 656d 756c 6174 6f72 0a                   emulator.""",
                Hexdump.format(0x80000000L, bytes));
        assertEquals("ffffffff80000000: 00" + " ".repeat(37) + "  .", Hexdump.format(0xffffffff80000000L, new byte[1]));
        assertEquals("", Hexdump.format(0, new byte[0]));
    }

    @Test
    void registersAreHexFourToALineWithAlignedNames() {
        Map<String, Long> registers = new LinkedHashMap<>();
        registers.put("pc", 0x80000000L);
        registers.put("ra", -1L);
        registers.put("mstatus", 0x1800L);
        registers.put("x3", 3L);
        registers.put("x4", 4L);
        assertEquals("""
                pc      0x0000000080000000  ra      0xffffffffffffffff  mstatus 0x0000000000001800  x3      0x0000000000000003
                x4      0x0000000000000004""", RegisterTable.format(registers));
    }

    @Test
    void tablesPadEveryColumnButTheLast() {
        assertEquals("A    BB\nccc  d", new TextTable("A", "BB").row("ccc", "d").format());
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }

    @Test
    void exitLinesGiveTheirStatus() {
        assertEquals(OptionalInt.of(0), ExitLine.parse("exit"));
        assertEquals(OptionalInt.of(42), ExitLine.parse(" exit  42 "));
        assertEquals(OptionalInt.empty(), ExitLine.parse("exits"));
        assertEquals(OptionalInt.empty(), ExitLine.parse("show"));
        assertThrows(IllegalArgumentException.class, () -> ExitLine.parse("exit 256"));
        assertThrows(IllegalArgumentException.class, () -> ExitLine.parse("exit 1 2"));
    }
}
