package org.osmium.api.device;

/** A block of guest RAM at {@code base}, backed by host memory that CPUs and DMA read and write directly. */
public record RamRegion(long base, byte[] bytes) {
    public long size() {
        return bytes.length;
    }

    public boolean contains(long address) {
        return address - base >= 0 && address - base < bytes.length;
    }
}
