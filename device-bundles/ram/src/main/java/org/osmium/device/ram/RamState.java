package org.osmium.device.ram;

import java.util.Arrays;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The saved state of a {@link Ram}, state record {@code ram}: version 2 holds {@code size}, {@code block-size} and one
 * field {@code block.N} per block the guest has used (the others are zero); version 1, still read, held all of
 * RAM in one field {@code bytes}.
 */
final class RamState {
    static final String TYPE = "ram";
    static final int VERSION = 2;
    private static final String BLOCK = "block.";

    private RamState() {
    }

    static StateRecord save(RamBlocks blocks) {
        StateRecord.Builder record = StateRecord.builder(TYPE, VERSION).put("size", blocks.size())
                .put("block-size", RamBlocks.BLOCK_SIZE);
        for (int index = 0; index < blocks.blockCount(); index++) {
            byte[] block = blocks.blockIfMade(index);
            if (block != null) {
                record.put(BLOCK + index, block.clone());
            }
        }
        return record.build();
    }

    /** Copies a saved state into {@code blocks}, after checking all of it: sizes must match, blocks be in range. */
    static void restore(StateRecord record, RamBlocks blocks) throws StateException {
        record.require(TYPE, VERSION);
        long size = record.getLong("size");
        if (size != blocks.size()) {
            throw new StateException("state 'ram' holds " + size + " bytes of RAM but this instance has " + blocks.size()
                    + " bytes; sizes must match");
        }
        if (record.version() == 1) {
            byte[] bytes = record.getBytes("bytes");
            if (bytes.length != size) {
                throw new StateException("state 'ram' field 'size' = " + size + " disagrees with its " + bytes.length + " bytes");
            }
            blocks.write(0, bytes, 0, bytes.length);
            return;
        }
        long blockSize = record.getLong("block-size");
        if (blockSize != RamBlocks.BLOCK_SIZE) {
            throw new StateException("state 'ram' has blocks of " + blockSize + " bytes; this version reads blocks of "
                    + RamBlocks.BLOCK_SIZE);
        }
        byte[][] saved = new byte[blocks.blockCount()][];
        for (String name : record.names()) {
            if (name.startsWith(BLOCK)) {
                int index = blockIndex(name, saved.length);
                saved[index] = record.getBytes(name);
                long expected = Math.min(blockSize, size - blocks.blockOffset(index));
                if (saved[index].length != expected) {
                    throw new StateException("state 'ram' field '" + name + "' holds " + saved[index].length
                            + " bytes instead of " + expected);
                }
            }
        }
        for (int index = 0; index < saved.length; index++) {
            if (saved[index] != null) {
                blocks.write(blocks.blockOffset(index), saved[index], 0, saved[index].length);
            } else if (blocks.blockIfMade(index) != null) {
                Arrays.fill(blocks.blockIfMade(index), (byte) 0);
            }
        }
    }

    private static int blockIndex(String name, int count) throws StateException {
        try {
            int index = Integer.parseInt(name.substring(BLOCK.length()));
            if (index >= 0 && index < count) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StateException("state 'ram' field '" + name + "' names no block of this RAM (0.." + (count - 1) + ")");
    }
}
