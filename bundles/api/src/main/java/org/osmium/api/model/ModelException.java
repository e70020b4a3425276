package org.osmium.api.model;

/** A model refused a configuration: the message names the property or condition and what would be accepted. */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
