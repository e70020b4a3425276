package org.osmium.device.sifivetest;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.MachineControl;

/** A machine control that records what the device asked for, in order. */
final class RecordingMachine implements MachineControl {
    final List<String> requests = new ArrayList<>();

    @Override
    public void powerOff(int exitStatus) {
        requests.add("powerOff " + exitStatus);
    }

    @Override
    public void reset() {
        requests.add("reset");
    }
}
