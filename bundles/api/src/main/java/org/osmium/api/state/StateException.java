package org.osmium.api.state;

/** A state record that a model cannot read: wrong type, unknown version, or a missing or ill-typed field. */
public class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }
}
