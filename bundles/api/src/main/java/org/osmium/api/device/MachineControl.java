package org.osmium.api.device;

/** What a device may ask of the whole machine (e.g. the SiFive test device's power-off and reset). */
public interface MachineControl {
    /** Stops the machine; status 0 is success, as a process exit status. */
    void powerOff(int exitStatus);

    /** Resets every hart and device, as a board reset button. */
    void reset();
}
