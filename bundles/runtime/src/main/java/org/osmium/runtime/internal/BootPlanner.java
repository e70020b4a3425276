package org.osmium.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.osmium.loader.ElfReader;
import org.osmium.loader.ImageException;
import org.osmium.loader.LoadedImage;
import org.osmium.loader.Segment;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.MachineException;

/**
 * Lays out firmware, kernel, initrd and device tree in RAM exactly where QEMU 7.2's virt board puts them
 * (hw/riscv/boot.c), and writes the reset ROM that jumps to the first stage with {@code a0} = hart id,
 * {@code a1} = device tree and {@code a2} = OpenSBI's fw_dynamic info.
 */
final class BootPlanner {
    private static final long MIB = 1 << 20;
    private static final long FW_DYNAMIC_MAGIC = 0x4942534f;
    private static final long FW_DYNAMIC_VERSION = 2;
    private static final long NEXT_MODE_SUPERVISOR = 1;
    private static final long DEVICE_TREE_SIZE = MIB;
    /** The reset vector (6 instructions, 2 addresses) and the fw_dynamic info (6 words). */
    static final int RESET_ROM_SIZE = 40 + 6 * 8;

    private BootPlanner() {
    }

    /**
     * @param resetPc where harts start after reset; the ROM goes there when {@code romPresent}
     * @param deviceTree generates the tree for the given {@code /chosen} contents
     */
    static BootImages plan(BootSpec spec, RamRange ram, long resetPc, boolean romPresent,
            Function<DeviceTreeGenerator.Chosen, byte[]> deviceTree, String stdoutDevice) throws MachineException {
        List<LoadedImage> images = new ArrayList<>();
        long ramEnd = ram.end();
        long firstStage = ram.base();
        long firmwareEnd = ram.base();
        if (spec.firmware() != null) {
            LoadedImage firmware = read(spec.firmware(), ram.base());
            check(spec.firmware(), firmware, ram);
            images.add(firmware);
            firstStage = firmware.entry();
            firmwareEnd = end(firmware);
        }
        long kernelEntry = 0;
        long kernelEnd = 0;
        if (spec.kernel() != null) {
            long kernelStart = spec.firmware() != null ? alignUp(firmwareEnd, 2 * MIB) : ram.base();
            LoadedImage kernel = read(spec.kernel(), kernelStart);
            check(spec.kernel(), kernel, ram);
            if (spec.firmware() != null && kernel.segments().get(0).address() < firmwareEnd) {
                throw new MachineException(spec.kernel() + ": kernel at 0x" + Long.toHexString(kernel.segments().get(0).address())
                        + " overlaps the firmware " + spec.firmware() + " (ends at 0x" + Long.toHexString(firmwareEnd) + ")");
            }
            images.add(kernel);
            kernelEntry = kernel.entry();
            kernelEnd = end(kernel);
            if (spec.firmware() == null) {
                firstStage = kernelEntry;
            }
        }
        long initrdStart = 0;
        long initrdEnd = 0;
        if (spec.initrd() != null) {
            if (spec.kernel() == null) {
                throw new MachineException(spec.initrd() + ": -initrd needs -kernel");
            }
            byte[] initrd = readAll(spec.initrd());
            initrdStart = kernelEntry + Math.min(ram.size() / 2, 128 * MIB);
            initrdEnd = initrdStart + initrd.length;
            if (initrdStart < kernelEnd || initrdEnd > ramEnd) {
                throw new MachineException(spec.initrd() + ": initrd 0x" + Long.toHexString(initrdStart) + "-0x"
                        + Long.toHexString(initrdEnd - 1) + " does not fit between the kernel (ends at 0x" + Long.toHexString(kernelEnd)
                        + ") and the end of RAM (0x" + Long.toHexString(ramEnd) + "); give more memory with -m");
            }
            images.add(ElfReader.raw(initrd, initrdStart));
        }
        byte[] tree;
        if (spec.dtb() != null) {
            if (spec.bootArgs() != null || spec.initrd() != null) {
                throw new MachineException(spec.dtb() + ": -append and -initrd cannot be combined with -dtb yet (the given tree is used as it is)");
            }
            tree = readAll(spec.dtb());
        } else {
            tree = withFreeSpace(deviceTree.apply(new DeviceTreeGenerator.Chosen(spec.bootArgs(), initrdStart, initrdEnd, stdoutDevice)));
        }
        long top = ram.base() < 3072 * MIB ? Math.min(ramEnd, 3072 * MIB) : ramEnd;
        long treeAddress = alignDown(top - tree.length, 2 * MIB);
        if (treeAddress < Math.max(firmwareEnd, Math.max(kernelEnd, initrdEnd))) {
            throw new MachineException("the device tree (" + tree.length + " bytes at 0x" + Long.toHexString(treeAddress)
                    + ") overlaps the images loaded below it; give more memory with -m");
        }
        images.add(ElfReader.raw(tree, treeAddress));
        if (!romPresent) {
            return new BootImages(images, firstStage, treeAddress);
        }
        images.add(ElfReader.raw(resetRom(firstStage, treeAddress, kernelEntry), resetPc));
        return new BootImages(images, resetPc, treeAddress);
    }

    /**
     * The blob grown to 1 MiB, as QEMU creates it, so that firmware can add nodes in place (OpenSBI, U-Boot) and the
     * tree lands at the address QEMU gives it.
     */
    static byte[] withFreeSpace(byte[] blob) {
        if (blob.length >= DEVICE_TREE_SIZE) {
            return blob;
        }
        byte[] grown = java.util.Arrays.copyOf(blob, (int) DEVICE_TREE_SIZE);
        ByteBuffer.wrap(grown).order(ByteOrder.BIG_ENDIAN).putInt(4, (int) DEVICE_TREE_SIZE);
        return grown;
    }

    /** QEMU's reset vector for RV64, followed by the fw_dynamic info that OpenSBI's fw_dynamic reads from a2. */
    static byte[] resetRom(long start, long deviceTree, long nextStage) {
        ByteBuffer rom = ByteBuffer.allocate(RESET_ROM_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        rom.putInt(0x00000297);  // auipc t0, 0
        rom.putInt(0x02828613);  // addi  a2, t0, 40   (fw_dynamic info)
        rom.putInt(0xf1402573);  // csrr  a0, mhartid
        rom.putInt(0x0202b583);  // ld    a1, 32(t0)   (device tree)
        rom.putInt(0x0182b283);  // ld    t0, 24(t0)   (first stage)
        rom.putInt(0x00028067);  // jr    t0
        rom.putLong(start);
        rom.putLong(deviceTree);
        rom.putLong(FW_DYNAMIC_MAGIC).putLong(FW_DYNAMIC_VERSION).putLong(nextStage).putLong(NEXT_MODE_SUPERVISOR)
                .putLong(0).putLong(0);
        return rom.array();
    }

    /**
     * What {@code machine:load} loads: an ELF at its own addresses, or a raw image at {@code address} (the main RAM's
     * base when null). An explicit address loads even an ELF file as raw bytes.
     */
    static LoadedImage image(Path file, Long address, RamRange mainRam) throws MachineException {
        requireReadable(file);
        if (address != null) {
            try {
                return ElfReader.readRaw(file, address);
            } catch (ImageException e) {
                throw new MachineException(e.getMessage());
            }
        }
        if (mainRam == null && !isElf(file)) {
            throw new MachineException(file + ": the machine has no RAM to load a raw image into");
        }
        return read(file, mainRam == null ? 0 : mainRam.base());
    }

    /** Refuses a missing or unreadable file with one line naming it, before anything is read. */
    private static void requireReadable(Path file) throws MachineException {
        if (!Files.isReadable(file)) {
            throw new MachineException(file + ": no such readable file");
        }
    }

    private static boolean isElf(Path file) throws MachineException {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new MachineException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static LoadedImage read(Path file, long rawAddress) throws MachineException {
        requireReadable(file);
        try {
            return isElf(file) ? ElfReader.read(file) : ElfReader.readRaw(file, rawAddress);
        } catch (ImageException e) {
            throw new MachineException(e.getMessage());
        }
    }

    private static byte[] readAll(Path file) throws MachineException {
        requireReadable(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MachineException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void check(Path file, LoadedImage image, RamRange ram) throws MachineException {
        for (int i = 0; i < image.segments().size(); i++) {
            Segment segment = image.segments().get(i);
            long last = segment.address() + Math.max(segment.memorySize(), 1) - 1;
            if (!ram.contains(segment.address()) || !ram.contains(last)) {
                throw new MachineException(file + ": segment " + i + " at 0x" + Long.toHexString(segment.address()) + "-0x"
                        + Long.toHexString(last) + " is outside RAM 0x" + Long.toHexString(ram.base()) + "-0x"
                        + Long.toHexString(ram.end() - 1));
            }
        }
    }

    private static long end(LoadedImage image) {
        long end = 0;
        for (Segment segment : image.segments()) {
            end = Math.max(end, segment.address() + segment.memorySize());
        }
        return end;
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    private static long alignDown(long value, long alignment) {
        return value & -alignment;
    }
}
