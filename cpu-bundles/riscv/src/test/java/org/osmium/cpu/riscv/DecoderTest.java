package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decoder table against encodings produced by the GNU assembler: every instruction, compressed ones included. */
class DecoderTest {

    @Test
    void everyTableRowDecodesItsAssembledEncoding() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String line : lines("encodings-base.txt")) {
            String[] parts = line.split(" ", 3);
            int word = Integer.parseUnsignedInt(parts[0], 16);
            String name = parts[1];
            long decoded = Decoder.decode(word);
            assertEquals(name, InstructionTable.rowOf(Decoder.op(decoded)).name(), "decoding " + line);
            assertEquals(4, Decoder.length(decoded), line);
            seen.add(name);
        }
        for (InstructionTable.Row row : InstructionTable.ROWS) {
            assertTrue(seen.contains(row.name()), "no assembled encoding tested for " + row.name());
        }
        assertEquals(InstructionTable.OP_COUNT - 2, InstructionTable.ROWS.size(), "one row per operation index");
    }

    @Test
    void operandsAndImmediatesOfEachForm() {
        assertFields("addi a0, a1, -5", 0xffb58513, 10, 11, -5);
        assertFields("lui a0, 0x12345", 0x12345537, 10, 0, 0x12345000);
        assertFields("jal ra, .+16", 0x010000ef, 1, 0, 16);
        assertFields("beq a0, a1, .+32", 0x02b50063, -1, 10, 32);
        assertFields("sb a2, -8(a1)", 0xfec58c23, -1, 11, -8);
        assertFields("slli a0, a1, 37", 0x02559513, 10, 11, 37);
        assertFields("csrrw a0, mscratch, a1", 0x34059573, 10, 11, 0x340);
        long fma = Decoder.decode(0x68c59543); // fmadd.s fa0, fa1, fa2, fa3, rtz
        assertEquals(List.of(10, 11, 12, 13, 1), List.of(Decoder.rd(fma), Decoder.rs1(fma), Decoder.rs2(fma), Decoder.rs3(fma),
                Decoder.rm(fma)));
    }

    @Test
    void writesToX0GoToTheSinkButFloatRegisterZeroStays() {
        assertEquals(Decoder.ZERO_SINK, Decoder.rd(Decoder.decode(0x00000013))); // addi x0, x0, 0
        assertEquals(Decoder.ZERO_SINK, Decoder.rd(Decoder.decode(0xa2c5a053))); // feq.d x0, fa1, fa2
        assertEquals(0, Decoder.rd(Decoder.decode(0x02c5a053))); // fadd.d f0, fa1, fa2, rdn
    }

    @Test
    void everyCompressedFormExpandsToItsBaseInstruction() throws IOException {
        List<String> lines = lines("encodings-compressed.txt");
        assertEquals(37, lines.size());
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            long compressed = Decoder.decode(Integer.parseInt(parts[0], 16));
            long base = Decoder.decode(Integer.parseUnsignedInt(parts[1], 16));
            assertEquals(2, Decoder.length(compressed), line);
            assertEquals(Long.toHexString(withLength(base, 2)), Long.toHexString(compressed), "expanding " + line);
        }
    }

    @Test
    void illegalEncodingsKeepTheirBits() {
        for (int word : new int[] {0xffffffff, 0x12345677, 0x02005053 /* rm=5 */, 0x0200e053 /* rm=6 */, 0x7ff0007f}) {
            long decoded = Decoder.decode(word);
            assertEquals(InstructionTable.ILLEGAL, Decoder.op(decoded), Integer.toHexString(word));
            assertEquals(word, Decoder.imm(decoded));
        }
        // c.unimp, c.addi4spn with zero immediate, reserved quadrant-0 funct3=4, c.addi16sp 0, c.lui 0, c.jr x0,
        // c.lwsp x0, c.ldsp x0, c.addiw x0, reserved c.subw-space
        for (int half : new int[] {0x0000, 0x0004, 0x8000, 0x6101, 0x6501, 0x8002, 0x4002, 0x6002, 0x2001, 0x9c41}) {
            long decoded = Decoder.decode(half);
            assertEquals(InstructionTable.ILLEGAL, Decoder.op(decoded), Integer.toHexString(half));
            assertEquals(half, Decoder.imm(decoded));
            assertEquals(2, Decoder.length(decoded));
        }
    }

    private static void assertFields(String source, int word, int rd, int rs1, int imm) {
        long decoded = Decoder.decode(word);
        if (rd >= 0) {
            assertEquals(rd, Decoder.rd(decoded), source + " rd");
        }
        if (rs1 > 0) {
            assertEquals(rs1, Decoder.rs1(decoded), source + " rs1");
        }
        assertEquals(imm, Decoder.imm(decoded), source + " immediate");
    }

    private static long withLength(long decoded, int length) {
        return (decoded & ~(7L << 24)) | (long) length << 24;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = DecoderTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }
}
