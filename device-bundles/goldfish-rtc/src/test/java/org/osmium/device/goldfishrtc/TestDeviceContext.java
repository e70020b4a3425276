package org.osmium.device.goldfishrtc;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;

/** A device context with a recording {@code irq} output and a manual clock. */
record TestDeviceContext(String id, RecordingIrqLine irq, ManualClock clock) implements DeviceContext {
    TestDeviceContext() {
        this("rtc0", new RecordingIrqLine(), new ManualClock());
    }

    @Override
    public IrqLine output(String name) {
        if (!name.equals("irq")) {
            throw new IllegalArgumentException("the RTC has one output, 'irq', not '" + name + "'");
        }
        return irq;
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("the RTC has no character backend");
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException("the RTC does no DMA");
    }

    @Override
    public MachineControl machine() {
        throw new UnsupportedOperationException("the RTC needs no machine control");
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException("the RTC posts no events");
    }
}
