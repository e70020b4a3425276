package org.osmium.api.model;

/**
 * What every model service has: a type name ({@code ns16550a}, {@code rv64gc}), a one-line description and a
 * property schema. Its version is the version of the bundle that registers it.
 */
public interface Model {
    /** The type name users write in board files and the shell. */
    String type();

    /** One line saying what the model emulates. */
    String description();

    PropertySchema schema();
}
