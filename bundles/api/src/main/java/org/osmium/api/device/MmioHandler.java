package org.osmium.api.device;

/**
 * The registers behind an MMIO region. Offsets are relative to the region; values are little-endian and
 * zero-extended to 64 bits. The bus only passes sizes in {@link #accessSizes()} and faults the others.
 */
public interface MmioHandler {
    /** Bit 0 = 1 byte, bit 1 = 2 bytes, bit 2 = 4 bytes, bit 3 = 8 bytes. */
    int SIZE_1 = 1, SIZE_2 = 2, SIZE_4 = 4, SIZE_8 = 8, ALL_SIZES = 15;

    long read(long offset, int size);

    void write(long offset, int size, long value);

    /** The access widths the registers accept, as a mask of {@code SIZE_*} bits. */
    default int accessSizes() {
        return ALL_SIZES;
    }
}
