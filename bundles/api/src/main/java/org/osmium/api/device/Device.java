package org.osmium.api.device;

import java.util.List;
import java.util.Map;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * One device instance in a machine. The machine maps its regions at the instance's {@code base} property, wires
 * its interrupt inputs and outputs by name, and saves and restores its state for hot-swap and snapshots.
 * All methods are called on the machine's execution thread.
 */
public interface Device {
    /** The address windows this device answers, relative to its base; empty for devices with no registers. */
    default List<Region> regions() {
        return List.of();
    }

    /** Named interrupt inputs that other devices' outputs may be wired to (e.g. {@code "10"} on a PLIC). */
    default Map<String, IrqLine> inputs() {
        return Map.of();
    }

    /** Returns every register to its reset value. */
    void reset();

    /** What the guest can observe, as a versioned record; never host resources or derived values. */
    StateRecord saveState();

    /**
     * Restores a record saved by this model or an earlier version of it.
     *
     * @throws StateException naming what is missing or unreadable; the instance is then left unchanged
     */
    void restoreState(StateRecord state) throws StateException;

    /** Releases host resources; the instance is not used afterwards. */
    default void close() {
    }
}
