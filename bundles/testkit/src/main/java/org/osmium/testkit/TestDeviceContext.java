package org.osmium.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.Timebase;

/**
 * A device context for unit tests: a recording line for each output and a recording backend for each chardev
 * property the device or test asks for, by name, a manual clock and a recording machine control; no address space
 * and no posted events.
 */
public final class TestDeviceContext implements DeviceContext {
    private final String id;
    private final Map<String, RecordingIrqLine> outputs = new LinkedHashMap<>();
    private final Map<String, RecordingCharBackend> chardevs = new LinkedHashMap<>();
    private final ManualClock clock = new ManualClock();
    private final Timebase timebase = new Timebase(clock, 10_000_000);
    private final RecordingMachineControl machine = new RecordingMachineControl();

    /** A context for the instance {@code id} ({@code uart0}), the name the device puts in its messages. */
    public TestDeviceContext(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The line of that name, created on first use, so a test may take it before the device does. */
    @Override
    public RecordingIrqLine output(String name) {
        return outputs.computeIfAbsent(name, created -> new RecordingIrqLine());
    }

    /** The outputs asked for so far, by name, in the order first asked. */
    public Map<String, RecordingIrqLine> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** The level last driven on an output already asked for; an unknown name is an error, not a low line. */
    public boolean level(String name) {
        RecordingIrqLine line = outputs.get(name);
        if (line == null) {
            throw new IllegalArgumentException(id + ": the device never asked for output '" + name + "'; it asked for "
                    + outputs.keySet());
        }
        return line.level();
    }

    /** The backend of that chardev property, created on first use, so a test may take it before the device does. */
    @Override
    public RecordingCharBackend chardev(String property) {
        return chardevs.computeIfAbsent(property, created -> new RecordingCharBackend());
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    /** A 10 MHz count of the manual clock, as on QEMU's virt board. */
    @Override
    public Timebase timebase() {
        return timebase;
    }

    @Override
    public AddressSpace addressSpace() {
        throw new UnsupportedOperationException(id + ": the test context offers no address space");
    }

    @Override
    public RecordingMachineControl machine() {
        return machine;
    }

    @Override
    public void post(Runnable event) {
        throw new UnsupportedOperationException(id + ": the test context runs no posted events");
    }
}
