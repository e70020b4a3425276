package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.Timebase;
import org.osmium.api.device.VirtualClock;
import org.osmium.runtime.chardev.ChardevPort;

/**
 * What one device instance gets from its machine. It tracks the instance's timers and input listeners so that a
 * replaced instance is cut off cleanly: its timers cancelled, its listeners dropped, the new instance's put in place
 * only when it is committed.
 */
final class InstanceContext implements DeviceContext {
    private final DeviceSlot slot;
    private final MachineImpl machine;
    private final List<VirtualClock.Timer> timers = new ArrayList<>();
    private final List<InstancePort> ports = new ArrayList<>();
    private final VirtualClock clock;
    private boolean active;

    InstanceContext(DeviceSlot slot, MachineImpl machine) {
        this.slot = slot;
        this.machine = machine;
        MachineClock machineClock = machine.clock();
        this.clock = new VirtualClock() {
            @Override
            public long nanos() {
                return machineClock.nanos();
            }

            @Override
            public Timer newTimer(Runnable action) {
                Timer timer = machineClock.newTimer(action);
                timers.add(timer);
                return timer;
            }
        };
    }

    @Override
    public String id() {
        return slot.id;
    }

    @Override
    public IrqLine output(String name) {
        return slot.output(name);
    }

    @Override
    public CharBackend chardev(String property) {
        ChardevPort port = slot.ports.get(property);
        if (port == null) {
            throw new IllegalArgumentException(slot.id + ": '" + property + "' is not a chardev property of " + slot.model.type());
        }
        InstancePort view = new InstancePort(port);
        ports.add(view);
        return view;
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public Timebase timebase() {
        return machine.timebase();
    }

    @Override
    public AddressSpace addressSpace() {
        return machine.bus();
    }

    @Override
    public MachineControl machine() {
        return machine.control();
    }

    @Override
    public void post(Runnable event) {
        machine.loop().execute(event);
    }

    /** Makes this instance the one that receives input. */
    void activate() {
        active = true;
        ports.forEach(InstancePort::listen);
    }

    /** Cuts a replaced or discarded instance off: timers cancelled, input listeners dropped. */
    void detach() {
        active = false;
        timers.forEach(VirtualClock.Timer::cancel);
        ports.forEach(view -> view.port.onInput(null));
    }

    /** A port as one instance sees it: its input listener reaches the port only while the instance is active. */
    private final class InstancePort implements CharBackend {
        private final ChardevPort port;
        private Runnable listener;

        InstancePort(ChardevPort port) {
            this.port = port;
        }

        @Override
        public void write(int b) {
            port.write(b);
        }

        @Override
        public int read() {
            return port.read();
        }

        @Override
        public void onInput(Runnable newListener) {
            listener = newListener;
            if (active) {
                listen();
            }
        }

        void listen() {
            port.onInput(listener);
        }
    }
}
