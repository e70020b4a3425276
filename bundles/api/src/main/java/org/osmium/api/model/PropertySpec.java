package org.osmium.api.model;

/**
 * One property of a model, declared once: its name, type, default (text, or null when it must be given), unit,
 * a one-line doc, and whether it may change while the machine runs.
 */
public record PropertySpec(String name, PropertyType type, String defaultValue, String unit, String doc, boolean live) {

    /** A property that must be given (no default). */
    public static PropertySpec required(String name, PropertyType type, String unit, String doc) {
        return new PropertySpec(name, type, null, unit, doc, false);
    }

    /** A property with a default value. */
    public static PropertySpec optional(String name, PropertyType type, String defaultValue, String unit, String doc) {
        return new PropertySpec(name, type, defaultValue, unit, doc, false);
    }

    /** The same property, changeable while the machine runs. */
    public PropertySpec liveSettable() {
        return new PropertySpec(name, type, defaultValue, unit, doc, true);
    }
}
