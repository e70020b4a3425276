package org.osmium.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.osmium.api.device.MachineControl;

/** A machine control that records what the device asked for, in order: {@code "powerOff 3"}, {@code "reset"}. */
public final class RecordingMachineControl implements MachineControl {
    private final List<String> requests = new ArrayList<>();

    @Override
    public void powerOff(int exitStatus) {
        requests.add("powerOff " + exitStatus);
    }

    @Override
    public void reset() {
        requests.add("reset");
    }

    /** The requests so far, oldest first. */
    public List<String> requests() {
        return Collections.unmodifiableList(requests);
    }
}
