package org.osmium.device.ram;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.RamBlocks;
import org.osmium.api.device.Region;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * A block of guest memory: host byte arrays of {@link RamBlocks#BLOCK_SIZE} made as the guest first uses them,
 * mapped as one RAM region; reset leaves its contents alone, as QEMU does. Without a device-tree node it serves as
 * the reset ROM that the machine fills at boot; see {@link SystemRam}.
 */
class Ram implements Device {
    private final RamBlocks blocks;

    Ram(long size) {
        blocks = new RamBlocks(size);
    }

    @Override
    public final List<Region> regions() {
        return List.of(Region.ram("ram", 0, blocks));
    }

    @Override
    public void reset() {
        // RAM keeps its contents across a board reset, as in QEMU.
    }

    @Override
    public StateRecord saveState() {
        return RamState.save(blocks);
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        RamState.restore(state, blocks);
    }
}
