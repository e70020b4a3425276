package org.osmium.runtime;

/** Where a machine is in its lifecycle. */
public enum MachineStatus {
    /** Composed, not started yet. */
    CREATED,
    RUNNING,
    /** Stopped at an instruction boundary: by the user, or waiting for a model that went away. */
    PAUSED,
    /** The guest powered off (or failed); the exit status is known. */
    POWERED_OFF
}
