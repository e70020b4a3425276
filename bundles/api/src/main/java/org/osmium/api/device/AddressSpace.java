package org.osmium.api.device;

/**
 * The machine's physical address space as CPUs and DMA-capable devices see it. RAM is reached directly through
 * {@link #ram}; everything else goes through {@link #read}/{@link #write}, which dispatch to the owning device.
 */
public interface AddressSpace {
    /** The RAM region holding {@code address}, or null when it is MMIO or unmapped. */
    RamRegion ram(long address);

    /** Reads {@code size} (1, 2, 4, 8) bytes, little-endian, zero-extended. */
    long read(long address, int size) throws AccessFault;

    void write(long address, int size, long value) throws AccessFault;

    /**
     * Tells CPUs that code in {@code [address, address + length)} was changed by someone other than themselves
     * (DMA, the loader), so that caches of decoded instructions drop it.
     */
    void codeModified(long address, long length);
}
