package org.osmium.api.device;

/**
 * An address window of a device: either MMIO registers served by a handler, or RAM (host memory that CPUs reach
 * directly). {@code offset} is relative to the device's base address.
 */
public record Region(String name, long offset, long size, MmioHandler mmio, byte[] ram) {

    public Region {
        if (size <= 0 || offset < 0) {
            throw new IllegalArgumentException("region '" + name + "' needs offset >= 0 and size > 0");
        }
        if ((mmio == null) == (ram == null)) {
            throw new IllegalArgumentException("region '" + name + "' is either MMIO or RAM");
        }
        if (ram != null && ram.length != size) {
            throw new IllegalArgumentException("region '" + name + "' RAM array length differs from its size");
        }
    }

    public static Region mmio(String name, long offset, long size, MmioHandler handler) {
        return new Region(name, offset, size, handler, null);
    }

    public static Region ram(String name, long offset, byte[] memory) {
        return new Region(name, offset, memory.length, null, memory);
    }

    public boolean isRam() {
        return ram != null;
    }
}
