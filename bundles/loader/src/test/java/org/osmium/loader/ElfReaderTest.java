package org.osmium.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElfReaderTest {

    /** A minimal ELF64 RISC-V executable: one PT_LOAD of 4 file bytes (memory size 16) at 0x80000000, entry 0x80000000. */
    static byte[] tinyElf() {
        ByteBuffer elf = ByteBuffer.allocate(64 + 56 + 4).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        elf.position(16);
        elf.putShort((short) 2).putShort((short) 243).putInt(1).putLong(0x80000000L).putLong(64).putLong(0);
        elf.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        elf.putInt(1).putInt(5).putLong(120).putLong(0x80000000L).putLong(0x80000000L).putLong(4).putLong(16).putLong(4);
        elf.put(new byte[] {0x13, 0, 0, 0});
        return elf.array();
    }

    @Test
    void readsTheLoadSegmentAndEntry() throws ImageException {
        LoadedImage image = ElfReader.read("tiny.elf", tinyElf());
        assertEquals(0x80000000L, image.entry());
        assertEquals(1, image.segments().size());
        Segment segment = image.segments().get(0);
        assertEquals(0x80000000L, segment.address());
        assertArrayEquals(new byte[] {0x13, 0, 0, 0}, segment.bytes());
        assertEquals(16, segment.memorySize());
    }

    @Test
    void refusesWhatIsNotALittleEndianRiscv64Elf() {
        assertMessage("x.bin: not an ELF file (no \\x7fELF magic)", new byte[] {1, 2, 3, 4, 5});
        byte[] elf32 = tinyElf();
        elf32[4] = 1;
        assertMessage("x.bin: a 32-bit ELF file; a 64-bit one is needed", elf32);
        byte[] bigEndian = tinyElf();
        bigEndian[5] = 2;
        assertMessage("x.bin: a big-endian ELF file; a little-endian one is needed", bigEndian);
        byte[] x86 = tinyElf();
        x86[18] = 62;
        assertMessage("x.bin: ELF for machine 62, not RISC-V (243)", x86);
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] whole = tinyElf();
        assertMessage("x.bin: truncated ELF header (40 of 64 bytes)", java.util.Arrays.copyOf(whole, 40));
        assertMessage("x.bin: truncated: program headers at 0x40 (1 entries) run past the end of the file (100 bytes)",
                java.util.Arrays.copyOf(whole, 100));
        assertMessage("x.bin: truncated: segment 0 needs file bytes 0x78..0x7c but the file has 122 bytes",
                java.util.Arrays.copyOf(whole, 122));
    }

    @Test
    void checksSegmentsAgainstRam() throws ImageException {
        LoadedImage image = ElfReader.read("tiny.elf", tinyElf());
        ElfReader.checkFits("tiny.elf", image, List.of(new MemoryRange(0x80000000L, 0x1000)));
        ImageException outside = assertThrows(ImageException.class,
                () -> ElfReader.checkFits("tiny.elf", image, List.of(new MemoryRange(0x80000000L, 8))));
        assertEquals("tiny.elf: segment 0 at 0x80000000..0x80000010 lies outside RAM (0x80000000..0x80000008)", outside.getMessage());
    }

    @Test
    void rawImageIsOneSegmentEnteredAtItsAddress() {
        LoadedImage image = ElfReader.raw(new byte[] {1, 2, 3}, 0x1000);
        assertEquals(0x1000, image.entry());
        assertEquals(List.of(0x1000L), image.segments().stream().map(Segment::address).toList());
        assertEquals(3, image.segments().get(0).memorySize());
    }

    @Test
    void readsARealGuestProgram() throws ImageException, IOException, InterruptedException {
        Path guests = Path.of("../../guests").toAbsolutePath().normalize();
        Process build = new ProcessBuilder(guests.resolve("build.sh").toString()).inheritIO().start();
        assertEquals(0, build.waitFor(), "guests/build.sh failed (is gcc-riscv64-unknown-elf installed?)");
        LoadedImage image = ElfReader.read(guests.resolve("target/hello.elf"));
        assertEquals(0x80000000L, image.entry());
        assertTrue(image.segments().stream().allMatch(s -> s.address() >= 0x80000000L && s.end() <= 0x80100000L));
        ElfReader.checkFits("hello.elf", image, List.of(new MemoryRange(0x80000000L, 128 << 20)));
    }

    private static void assertMessage(String expected, byte[] image) {
        assertEquals(expected, assertThrows(ImageException.class, () -> ElfReader.read("x.bin", image)).getMessage());
    }
}
