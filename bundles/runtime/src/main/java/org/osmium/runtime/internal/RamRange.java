package org.osmium.runtime.internal;

/** Where a whole RAM region lies in the physical address space: {@code size} bytes from {@code base}. */
record RamRange(long base, long size) {
    boolean contains(long address) {
        return address - base >= 0 && address - base < size;
    }

    /** The address just past the last byte. */
    long end() {
        return base + size;
    }
}
