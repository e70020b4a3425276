package org.osmium.runtime;

/** A refused request on a machine: the message names the thing (machine, device, property, file, address) and the fix. */
public class MachineException extends Exception {
    private static final long serialVersionUID = 1L;

    public MachineException(String message) {
        super(message);
    }

    public MachineException(String message, Throwable cause) {
        super(message, cause);
    }
}
