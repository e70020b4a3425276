package org.osmium.device.sifivetest;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.VirtualClock;

/** A device context offering an id and a machine control: all the test finisher uses. */
record TestDeviceContext(String id, MachineControl machine) implements DeviceContext {
    @Override
    public IrqLine output(String name) {
        throw new UnsupportedOperationException("the test finisher has no interrupt output");
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("the test finisher has no character backend");
    }

    @Override
    public VirtualClock clock() {
        throw new UnsupportedOperationException("the test finisher needs no clock");
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException("the test finisher needs no address space");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("the test finisher posts no events");
    }
}
