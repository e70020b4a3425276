package org.osmium.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.PropertyType;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.state.StateRecord;
import org.osmium.runtime.chardev.ChardevPort;

/**
 * A place in a machine for one device or hart under a stable id. The instance in it may be replaced (hot-swap) or be
 * absent while its model is gone; the slot keeps what outlives instances: configuration, interrupt outputs,
 * character ports, and the saved state while it waits.
 */
final class DeviceSlot {
    final String id;
    final Map<String, OutputLine> outputs = new LinkedHashMap<>();
    final Map<String, ChardevPort> ports = new LinkedHashMap<>();
    ModelEntry model;
    Configuration configuration;
    Device instance;
    InstanceContext context;
    /** The saved state while the slot waits for its model to come back. */
    StateRecord savedState;

    DeviceSlot(String id, ModelEntry model, Configuration configuration) {
        this.id = id;
        this.model = model;
        this.configuration = configuration;
    }

    /** The address its regions are mapped at: its {@code base} property, or 0 for models without one. */
    long base() {
        PropertySpec base = model.model().schema().find("base");
        return base != null && base.type() == PropertyType.ADDRESS ? configuration.getLong("base") : 0;
    }

    boolean isWaiting() {
        return instance == null;
    }

    OutputLine output(String name) {
        return outputs.computeIfAbsent(name, unused -> new OutputLine());
    }

    /** The current instance's input of that name, or null (no instance, or no such input). */
    IrqLine input(String name) {
        return instance == null ? null : instance.inputs().get(name);
    }
}
