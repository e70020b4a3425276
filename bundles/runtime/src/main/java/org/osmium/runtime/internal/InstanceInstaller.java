package org.osmium.runtime.internal;

import java.util.Collection;
import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.Region;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.CpuModel;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.runtime.MachineException;

/**
 * Puts device and hart instances into a machine's slots and takes them out: creation, state restore, mapping, input
 * levels, and the rollback that makes a refused hot-swap leave the slot as it was. Called with the guest standing still.
 */
final class InstanceInstaller {
    private final MachineImpl machine;
    private final Collection<DeviceSlot> slots;
    private final Runnable hartsChanged;

    /**
     * @param slots the machine's slots (a live view), whose outputs may drive a new instance's inputs
     * @param hartsChanged told whenever a hart instance came or went
     */
    InstanceInstaller(MachineImpl machine, Collection<DeviceSlot> slots, Runnable hartsChanged) {
        this.machine = machine;
        this.slots = slots;
        this.hartsChanged = hartsChanged;
    }

    /**
     * Puts an instance of {@code entry} into {@code slot}, restoring {@code state} into it when given. The previous
     * instance is retired first (so that host resources it holds, such as a disk image's lock, are free for the new
     * one); if the new instance refuses, a fresh instance of the previous model takes the same state back, so the
     * slot ends as it was. The refusal is reported as a MachineException.
     */
    void install(DeviceSlot slot, ModelEntry entry, Configuration configuration, StateRecord state)
            throws MachineException {
        ModelEntry previousModel = slot.model;
        Configuration previousConfiguration = slot.configuration;
        boolean hadInstance = slot.instance != null;
        if (hadInstance) {
            retire(slot);
        }
        try {
            place(slot, entry, configuration, state);
        } catch (MachineException refused) {
            if (hadInstance) {
                try {
                    place(slot, previousModel, previousConfiguration, state);
                } catch (MachineException alsoRefused) {
                    slot.model = previousModel;
                    slot.configuration = previousConfiguration;
                    slot.savedState = state;
                    hartsChanged.run();
                    throw new MachineException(refused.getMessage() + "; the previous instance could not be restored either ("
                            + alsoRefused.getMessage() + "): " + slot.id + " waits for a model that accepts its state");
                }
            }
            throw refused;
        }
    }

    /** Cuts the slot's instance off: timers and listeners dropped, regions unmapped, host resources closed. */
    void retire(DeviceSlot slot) {
        slot.context.detach();
        machine.bus().unmap(slot.id);
        closeQuietly(slot.instance);
        slot.instance = null;
        hartsChanged.run();
    }

    /** Creates, restores, checks and maps a new instance in an empty slot; on refusal the slot stays empty. */
    private void place(DeviceSlot slot, ModelEntry entry, Configuration configuration, StateRecord state) throws MachineException {
        InstanceContext context = new InstanceContext(slot, machine);
        ModelEntry previousModel = slot.model;
        Configuration previousConfiguration = slot.configuration;
        slot.model = entry;
        slot.configuration = configuration;
        Device fresh = null;
        List<Region> regions;
        try {
            fresh = create(entry, context, configuration);
            if (state != null) {
                fresh.restoreState(state);
            }
            regions = fresh.regions();
            machine.bus().checkFree(slot.id, slot.base(), regions, slot.id);
        } catch (ModelException | StateException | MachineException | RuntimeException e) {
            context.detach();
            if (fresh != null) {
                closeQuietly(fresh);
            }
            slot.model = previousModel;
            slot.configuration = previousConfiguration;
            if (e instanceof MachineException placement) {
                throw placement;
            }
            String reason = e instanceof RuntimeException ? e.toString() : e.getMessage();
            throw new MachineException(slot.id + ": " + entry.label() + " refused: " + reason);
        }
        machine.bus().map(slot.id, slot.base(), regions);
        slot.instance = fresh;
        slot.context = context;
        slot.savedState = null;
        context.activate();
        hartsChanged.run();
        redriveInputs(slot);
    }

    private static Device create(ModelEntry entry, InstanceContext context, Configuration configuration) throws ModelException {
        if (entry.model() instanceof CpuModel cpu) {
            return cpu.create(context, configuration);
        }
        return ((DeviceModel) entry.model()).create(context, configuration);
    }

    /** Drives the new instance's inputs with the current levels of the outputs wired to them. */
    private void redriveInputs(DeviceSlot target) {
        for (DeviceSlot source : slots) {
            for (OutputLine line : source.outputs.values()) {
                for (OutputLine.Target wired : line.targets()) {
                    if (wired.slot() == target) {
                        line.drive(wired);
                    }
                }
            }
        }
    }

    /** Closes an instance; a model failing to close must not stop the machine from going on. */
    static void closeQuietly(Device device) {
        try {
            device.close();
        } catch (RuntimeException ignored) {
            // a model failing to close must not stop the machine from going on
        }
    }
}
