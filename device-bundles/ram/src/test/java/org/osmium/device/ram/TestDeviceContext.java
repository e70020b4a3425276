package org.osmium.device.ram;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.VirtualClock;

/** A device context that offers only an id: RAM asks the machine for nothing else. */
record TestDeviceContext(String id) implements DeviceContext {
    @Override
    public IrqLine output(String name) {
        throw new UnsupportedOperationException("RAM has no interrupt output");
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("RAM has no character backend");
    }

    @Override
    public VirtualClock clock() {
        throw new UnsupportedOperationException("RAM needs no clock");
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException("RAM needs no address space");
    }

    @Override
    public MachineControl machine() {
        throw new UnsupportedOperationException("RAM needs no machine control");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("RAM posts no events");
    }
}
