package org.osmium.loader;

/**
 * One piece of an image to place in guest memory: {@code bytes} at {@code address}, followed by zeros up to
 * {@code memorySize} bytes in all.
 */
public record Segment(long address, byte[] bytes, long memorySize) {

    public Segment {
        if (memorySize < bytes.length) {
            throw new IllegalArgumentException("segment at 0x" + Long.toHexString(address) + " has memory size "
                    + memorySize + " smaller than its " + bytes.length + " file bytes");
        }
    }

    /** The first address after the segment. */
    public long end() {
        return address + memorySize;
    }
}
