package org.osmium.device.ram;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.Region;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * A block of guest memory: one host byte array mapped as a RAM region; reset leaves its contents alone, as QEMU does.
 * Without a device-tree node it serves as the reset ROM that the machine fills at boot; see {@link SystemRam}.
 */
class Ram implements Device {
    private final byte[] bytes;

    Ram(int size) {
        bytes = new byte[size];
    }

    @Override
    public final List<Region> regions() {
        return List.of(Region.ram("ram", 0, bytes));
    }

    @Override
    public void reset() {
        // RAM keeps its contents across a board reset, as in QEMU.
    }

    @Override
    public StateRecord saveState() {
        return new RamState(bytes).toRecord();
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        RamState saved = RamState.fromRecord(state);
        if (saved.bytes().length != bytes.length) {
            throw new StateException("state 'ram' holds " + saved.bytes().length + " bytes of RAM but this instance has "
                    + bytes.length + " bytes; sizes must match");
        }
        System.arraycopy(saved.bytes(), 0, bytes, 0, bytes.length);
    }
}
