package org.osmium.block;

/**
 * What backs a range of an image. {@code data}: reads come from stored bytes; {@code zero}: it reads as zeros;
 * {@code present}: some layer of the chain allocates it; {@code depth}: the layer (0 = this image) that answers;
 * {@code hostOffset}: where the bytes lie in that layer's file (-1 if nowhere or compressed); {@code file}: that
 * layer's file.
 */
public record BlockStatus(long offset, long length, boolean data, boolean zero, boolean present, int depth,
                          long hostOffset, boolean compressed, String file) {
    /** True when this image itself (not a backing file) allocates the range. */
    public boolean allocatedHere() {
        return depth == 0 && present;
    }

    /** The same status one layer further down the chain. */
    public BlockStatus deeper() {
        return new BlockStatus(offset, length, data, zero, present, depth + 1, hostOffset, compressed, file);
    }
}
