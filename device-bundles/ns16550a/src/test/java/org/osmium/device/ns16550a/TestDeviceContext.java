package org.osmium.device.ns16550a;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;

/** A device context with a recording backend on property {@code chardev}, a recording {@code irq} and a manual clock. */
record TestDeviceContext(String id, RecordingBackend backend, RecordingIrqLine irq, ManualClock clock) implements DeviceContext {
    TestDeviceContext() {
        this("uart0", new RecordingBackend(), new RecordingIrqLine(), new ManualClock());
    }

    @Override
    public IrqLine output(String name) {
        if (!name.equals("irq")) {
            throw new IllegalArgumentException("the UART has one output, 'irq', not '" + name + "'");
        }
        return irq;
    }

    @Override
    public CharBackend chardev(String property) {
        if (!property.equals("chardev")) {
            throw new IllegalArgumentException("the UART's backend property is 'chardev', not '" + property + "'");
        }
        return backend;
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException("the UART does no DMA");
    }

    @Override
    public MachineControl machine() {
        throw new UnsupportedOperationException("the UART needs no machine control");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("the UART posts no events");
    }
}
