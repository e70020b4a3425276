package org.osmium.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.device.RamRegion;
import org.osmium.api.device.Region;
import org.osmium.runtime.MachineException;

/**
 * The machine's physical address space: RAM regions that CPUs index directly and MMIO regions dispatched to their
 * device. Overlaps are refused naming both owners. Mapping changes happen only while the machine is paused.
 */
final class Bus implements AddressSpace {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One region placed at an absolute address, with the id of the device that owns it. */
    record Mapping(String owner, Region region, long start) {
        long end() {
            return start + region.size() - 1;
        }

        boolean contains(long address) {
            return address - start >= 0 && address - start < region.size();
        }

        String describe() {
            return region.name() + " 0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end());
        }
    }

    /** A RAM region placed at an absolute address; the {@link RamRegion} of each of its blocks is made on first use. */
    private static final class RamMapping {
        final RamRange range;
        final RamBlocks blocks;
        final RamRegion[] regions;

        RamMapping(long base, RamBlocks blocks) {
            this.range = new RamRange(base, blocks.size());
            this.blocks = blocks;
            this.regions = new RamRegion[blocks.blockCount()];
        }

        /** The block holding {@code address} (inside this mapping); a benign race may make its record twice. */
        RamRegion region(long address) {
            int index = blocks.blockIndex(address - range.base());
            RamRegion region = regions[index];
            if (region == null) {
                region = new RamRegion(range.base() + blocks.blockOffset(index), blocks.block(index));
                regions[index] = region;
            }
            return region;
        }
    }

    private volatile Mapping[] mmio = new Mapping[0];
    private volatile RamMapping[] ram = new RamMapping[0];
    private final List<Mapping> mappings = new ArrayList<>();
    private final AddressSpaceListener codeListener;

    /** Told of RAM changed behind the CPUs' backs (DMA, the loader) and of mapping changes, so that CPUs drop caches. */
    interface AddressSpaceListener {
        void codeModified(long address, long length);

        void mappingChanged();
    }

    Bus(AddressSpaceListener codeListener) {
        this.codeListener = codeListener;
    }

    /** Checks that {@code regions} of {@code owner} at {@code base} overlap nothing mapped (except {@code replacing}'s). */
    void checkFree(String owner, long base, List<Region> regions, String replacing) throws MachineException {
        for (Region region : regions) {
            Mapping candidate = new Mapping(owner, region, base + region.offset());
            if (candidate.end() < candidate.start()) {
                throw new MachineException(owner + ": region " + region.name() + " at 0x" + Long.toHexString(candidate.start())
                        + " wraps around the end of the address space");
            }
            for (Mapping existing : mappings) {
                if (!existing.owner().equals(replacing) && candidate.start() <= existing.end() && existing.start() <= candidate.end()) {
                    throw new MachineException(owner + ": " + candidate.describe() + " overlaps " + existing.owner() + " "
                            + existing.describe());
                }
            }
        }
    }

    void map(String owner, long base, List<Region> regions) {
        for (Region region : regions) {
            mappings.add(new Mapping(owner, region, base + region.offset()));
        }
        publish();
    }

    void unmap(String owner) {
        mappings.removeIf(mapping -> mapping.owner().equals(owner));
        publish();
    }

    List<Mapping> mappingsOf(String owner) {
        return mappings.stream().filter(mapping -> mapping.owner().equals(owner)).toList();
    }

    private void publish() {
        mmio = mappings.stream().filter(mapping -> !mapping.region().isRam()).toArray(Mapping[]::new);
        ram = mappings.stream().filter(mapping -> mapping.region().isRam())
                .map(mapping -> new RamMapping(mapping.start(), mapping.region().blocks())).toArray(RamMapping[]::new);
        codeListener.mappingChanged();
    }

    /** The block of RAM holding {@code address} (made now if the guest never used it), or null. */
    @Override
    public RamRegion ram(long address) {
        RamMapping mapping = ramMapping(address);
        return mapping == null ? null : mapping.region(address);
    }

    private RamMapping ramMapping(long address) {
        for (RamMapping mapping : ram) {
            if (mapping.range.contains(address)) {
                return mapping;
            }
        }
        return null;
    }

    /** The whole RAM region holding {@code address}, or null. */
    RamRange ramRange(long address) {
        RamMapping mapping = ramMapping(address);
        return mapping == null ? null : mapping.range;
    }

    /** The main RAM: the largest RAM region (not the reset ROM), or null when the machine has none. */
    RamRange mainRam() {
        RamRange largest = null;
        for (RamMapping mapping : ram) {
            if (largest == null || mapping.range.size() > largest.size()) {
                largest = mapping.range;
            }
        }
        return largest;
    }

    @Override
    public long read(long address, int size) throws AccessFault {
        checkSize(address, size);
        RamMapping ramMapping = ramMapping(address);
        if (ramMapping != null && ramMapping.range.contains(address + size - 1)) {
            RamRegion region = ramMapping.region(address);
            if (!region.contains(address + size - 1)) {
                long value = 0; // an access across two blocks: a byte at a time
                for (int i = 0; i < size; i++) {
                    value |= read(address + i, 1) << (8 * i);
                }
                return value;
            }
            int index = (int) (address - region.base());
            byte[] bytes = region.bytes();
            return switch (size) {
                case 1 -> bytes[index] & 0xffL;
                case 2 -> (short) SHORT.get(bytes, index) & 0xffffL;
                case 4 -> (int) INT.get(bytes, index) & 0xffffffffL;
                default -> (long) LONG.get(bytes, index);
            };
        }
        Mapping mapping = mmioAt(address, size);
        return mapping.region().mmio().read(address - mapping.start(), size);
    }

    @Override
    public void write(long address, int size, long value) throws AccessFault {
        checkSize(address, size);
        RamMapping ramMapping = ramMapping(address);
        if (ramMapping != null && ramMapping.range.contains(address + size - 1)) {
            RamRegion region = ramMapping.region(address);
            if (!region.contains(address + size - 1)) {
                for (int i = 0; i < size; i++) { // an access across two blocks: a byte at a time
                    write(address + i, 1, value >>> (8 * i));
                }
                return;
            }
            int index = (int) (address - region.base());
            byte[] bytes = region.bytes();
            switch (size) {
                case 1 -> bytes[index] = (byte) value;
                case 2 -> SHORT.set(bytes, index, (short) value);
                case 4 -> INT.set(bytes, index, (int) value);
                default -> LONG.set(bytes, index, value);
            }
            codeListener.codeModified(address, size);
            return;
        }
        Mapping mapping = mmioAt(address, size);
        mapping.region().mmio().write(address - mapping.start(), size, value);
    }

    private static void checkSize(long address, int size) throws AccessFault {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new AccessFault(address, size + "-byte access");
        }
    }

    private Mapping mmioAt(long address, int size) throws AccessFault {
        for (Mapping mapping : mmio) {
            if (mapping.contains(address)) {
                if ((mapping.region().mmio().accessSizes() & size) == 0 || !mapping.contains(address + size - 1)) {
                    throw new AccessFault(address, size + "-byte access not supported by " + mapping.owner());
                }
                return mapping;
            }
        }
        throw new AccessFault(address, "nothing mapped");
    }

    @Override
    public void codeModified(long address, long length) {
        codeListener.codeModified(address, length);
    }

    /** Copies bytes into RAM (the loader's path); refuses ranges not wholly in one RAM region. */
    void writeRam(long address, byte[] data, int offset, int length) throws MachineException {
        RamMapping mapping = ramMapping(address);
        if (mapping == null || !mapping.range.contains(address + Math.max(length, 1) - 1)) {
            throw new MachineException("0x" + Long.toHexString(address) + "-0x" + Long.toHexString(address + length - 1)
                    + " is not inside one RAM region" + describeRam());
        }
        mapping.blocks.write(address - mapping.range.base(), data, offset, length);
        codeListener.codeModified(address, length);
    }

    String describeRam() {
        StringBuilder text = new StringBuilder(" (RAM:");
        for (RamMapping mapping : ram) {
            text.append(" 0x").append(Long.toHexString(mapping.range.base())).append("-0x")
                    .append(Long.toHexString(mapping.range.end() - 1));
        }
        return text.append(ram.length == 0 ? " none)" : ")").toString();
    }
}
