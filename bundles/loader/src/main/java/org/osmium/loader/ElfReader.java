package org.osmium.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the PT_LOAD segments and entry point of a little-endian ELF64 RISC-V executable. */
public final class ElfReader {
    /** {@code e_machine} of RISC-V. */
    public static final int EM_RISCV = 243;
    private static final int PT_LOAD = 1;
    private static final int HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;

    private ElfReader() {
    }

    /** Reads an ELF file from disk. */
    public static LoadedImage read(Path file) throws ImageException {
        return read(file.toString(), readFile(file));
    }

    /**
     * Reads an ELF image held in memory.
     *
     * @param name names the image in error messages (usually its file name)
     */
    public static LoadedImage read(String name, byte[] image) throws ImageException {
        if (image.length < 4 || image[0] != 0x7f || image[1] != 'E' || image[2] != 'L' || image[3] != 'F') {
            throw new ImageException(name + ": not an ELF file (no \\x7fELF magic)");
        }
        if (image.length < HEADER_SIZE) {
            throw new ImageException(name + ": truncated ELF header (" + image.length + " of 64 bytes)");
        }
        if (image[4] != 2) {
            throw new ImageException(name + ": " + (image[4] == 1 ? "a 32-bit" : "an unknown class of") + " ELF file; a 64-bit one is needed");
        }
        if (image[5] != 1) {
            throw new ImageException(name + ": " + (image[5] == 2 ? "a big-endian" : "an unknown byte order") + " ELF file; a little-endian one is needed");
        }
        ByteBuffer data = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int machine = Short.toUnsignedInt(data.getShort(18));
        if (machine != EM_RISCV) {
            throw new ImageException(name + ": ELF for machine " + machine + ", not RISC-V (" + EM_RISCV + ")");
        }
        long entry = data.getLong(24);
        long tableOffset = data.getLong(32);
        int entrySize = Short.toUnsignedInt(data.getShort(54));
        int count = Short.toUnsignedInt(data.getShort(56));
        if (count > 0 && entrySize < PROGRAM_HEADER_SIZE) {
            throw new ImageException(name + ": program header entry size " + entrySize + " is below " + PROGRAM_HEADER_SIZE);
        }
        if (tableOffset < 0 || tableOffset + (long) count * entrySize > image.length) {
            throw new ImageException(name + ": truncated: program headers at 0x" + Long.toHexString(tableOffset) + " (" + count
                    + " entries) run past the end of the file (" + image.length + " bytes)");
        }
        List<Segment> segments = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int header = (int) tableOffset + index * entrySize;
            if (data.getInt(header) != PT_LOAD) {
                continue;
            }
            long fileOffset = data.getLong(header + 8);
            long physicalAddress = data.getLong(header + 24);
            long fileSize = data.getLong(header + 32);
            long memorySize = data.getLong(header + 40);
            if (fileOffset < 0 || fileSize < 0 || fileOffset + fileSize > image.length || fileOffset + fileSize < 0) {
                throw new ImageException(name + ": truncated: segment " + index + " needs file bytes 0x" + Long.toHexString(fileOffset)
                        + "..0x" + Long.toHexString(fileOffset + fileSize) + " but the file has " + image.length + " bytes");
            }
            if (Long.compareUnsigned(memorySize, fileSize) < 0) {
                throw new ImageException(name + ": segment " + index + " has memory size " + memorySize + " below its file size " + fileSize);
            }
            byte[] bytes = new byte[(int) fileSize];
            System.arraycopy(image, (int) fileOffset, bytes, 0, bytes.length);
            segments.add(new Segment(physicalAddress, bytes, memorySize));
        }
        if (segments.isEmpty()) {
            throw new ImageException(name + ": ELF file has no PT_LOAD segment");
        }
        return new LoadedImage(segments, entry);
    }

    /** A raw binary image: the whole file as one segment at {@code address}, entered at its first byte. */
    public static LoadedImage readRaw(Path file, long address) throws ImageException {
        return raw(readFile(file), address);
    }

    /** Raw bytes as one segment at {@code address}, entered at its first byte. */
    public static LoadedImage raw(byte[] image, long address) {
        return new LoadedImage(List.of(new Segment(address, image.clone(), image.length)), address);
    }

    /**
     * Checks that every segment lies inside one of the RAM ranges.
     *
     * @param name names the image in the message
     * @throws ImageException naming the first segment (index and address range) that falls outside RAM
     */
    public static void checkFits(String name, LoadedImage image, List<MemoryRange> ram) throws ImageException {
        List<Segment> segments = image.segments();
        for (int index = 0; index < segments.size(); index++) {
            Segment segment = segments.get(index);
            boolean inside = false;
            for (MemoryRange range : ram) {
                inside |= range.contains(segment.address(), segment.memorySize());
            }
            if (!inside) {
                throw new ImageException(name + ": segment " + index + " at 0x" + Long.toHexString(segment.address()) + "..0x"
                        + Long.toHexString(segment.end()) + " lies outside RAM (" + describe(ram) + ")");
            }
        }
    }

    private static String describe(List<MemoryRange> ram) {
        if (ram.isEmpty()) {
            return "no RAM";
        }
        StringBuilder text = new StringBuilder();
        for (MemoryRange range : ram) {
            text.append(text.isEmpty() ? "" : ", ").append("0x").append(Long.toHexString(range.base())).append("..0x")
                    .append(Long.toHexString(range.base() + range.size()));
        }
        return text.toString();
    }

    private static byte[] readFile(Path file) throws ImageException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
