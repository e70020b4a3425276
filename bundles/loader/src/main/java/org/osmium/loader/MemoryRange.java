package org.osmium.loader;

/** A guest RAM window {@code [base, base + size)} that segments may be loaded into. */
public record MemoryRange(long base, long size) {

    /** True when {@code [address, address + length)} lies inside this range (length 0 needs only the start). */
    public boolean contains(long address, long length) {
        long offset = address - base;
        return Long.compareUnsigned(offset, size) <= 0 && Long.compareUnsigned(length, size - offset) <= 0
                && (length > 0 || Long.compareUnsigned(offset, size) < 0);
    }
}
