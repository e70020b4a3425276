package org.osmium.device.virtioblk;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.Timebase;
import org.osmium.api.device.VirtualClock;

/** A device context offering an id, a RAM address space and a recorded {@code irq} output: all virtio-blk uses. */
record TestDeviceContext(String id, AddressSpace addressSpace, List<String> outputs, List<Boolean> irq) implements DeviceContext {
    TestDeviceContext(String id, AddressSpace addressSpace) {
        this(id, addressSpace, new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public IrqLine output(String name) {
        outputs.add(name);
        return irq::add;
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("virtio-blk has no character backend");
    }

    @Override
    public VirtualClock clock() {
        throw new UnsupportedOperationException("virtio-blk needs no clock");
    }

    @Override
    public Timebase timebase() {
        throw new UnsupportedOperationException("virtio-blk needs no time base");
    }

    @Override
    public MachineControl machine() {
        throw new UnsupportedOperationException("virtio-blk does not control the machine");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("virtio-blk posts no events");
    }
}
