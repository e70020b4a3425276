package org.osmium.device.plic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.VirtualClock;

/** A device context with a recording line for each output the PLIC asks for, by name. */
record TestDeviceContext(String id, Map<String, RecordingIrqLine> outputs) implements DeviceContext {
    TestDeviceContext() {
        this("plic0", new LinkedHashMap<>());
    }

    @Override
    public IrqLine output(String name) {
        return outputs.computeIfAbsent(name, created -> new RecordingIrqLine());
    }

    /** The level last driven on an output the device asked for. */
    boolean level(String name) {
        RecordingIrqLine line = outputs.get(name);
        if (line == null) {
            throw new IllegalArgumentException("the device never asked for output '" + name + "'");
        }
        return line.level();
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("the PLIC has no character backend");
    }

    @Override
    public VirtualClock clock() {
        throw new UnsupportedOperationException("the PLIC needs no clock");
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException("the PLIC does no DMA");
    }

    @Override
    public MachineControl machine() {
        throw new UnsupportedOperationException("the PLIC needs no machine control");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("the PLIC posts no events");
    }
}
