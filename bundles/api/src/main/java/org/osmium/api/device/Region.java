package org.osmium.api.device;

/**
 * An address window of a device: either MMIO registers served by a handler, or RAM (host memory that CPUs reach
 * directly). {@code offset} is relative to the device's base address. RAM is given as {@link RamBlocks} or, as in
 * API 1.0, as one byte array ({@code ram}), which then also appears wrapped in {@code blocks}.
 */
public record Region(String name, long offset, long size, MmioHandler mmio, byte[] ram, RamBlocks blocks) {

    public Region {
        if (size <= 0 || offset < 0) {
            throw new IllegalArgumentException("region '" + name + "' needs offset >= 0 and size > 0");
        }
        if (ram != null && blocks == null) {
            blocks = RamBlocks.of(ram);
        }
        if ((mmio == null) == (blocks == null)) {
            throw new IllegalArgumentException("region '" + name + "' is either MMIO or RAM");
        }
        if (blocks != null && blocks.size() != size) {
            throw new IllegalArgumentException("region '" + name + "' RAM of " + blocks.size() + " bytes differs from its size " + size);
        }
        if (ram != null && blocks.blockIfMade(0) != ram) {
            throw new IllegalArgumentException("region '" + name + "' has two different RAM arrays");
        }
    }

    /** The API 1.0 constructor: MMIO, or RAM in one byte array. */
    public Region(String name, long offset, long size, MmioHandler mmio, byte[] ram) {
        this(name, offset, size, mmio, ram, null);
    }

    public static Region mmio(String name, long offset, long size, MmioHandler handler) {
        return new Region(name, offset, size, handler, null, null);
    }

    public static Region ram(String name, long offset, byte[] memory) {
        return new Region(name, offset, memory.length, null, memory, null);
    }

    /** RAM whose blocks are made as the guest first uses them. */
    public static Region ram(String name, long offset, RamBlocks blocks) {
        return new Region(name, offset, blocks.size(), null, null, blocks);
    }

    public boolean isRam() {
        return blocks != null;
    }
}
