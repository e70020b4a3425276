package org.osmium.api.model;

import java.util.Collections;
import java.util.Map;

/** The validated, typed property values of one instance, defaults filled in. */
public final class Configuration {
    private final Map<String, Object> values;
    private final Map<String, String> texts;

    Configuration(Map<String, Object> values, Map<String, String> texts) {
        this.values = Collections.unmodifiableMap(values);
        this.texts = Collections.unmodifiableMap(texts);
    }

    /** A number, size or address property. */
    public long getLong(String name) {
        return (Long) value(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) value(name);
    }

    /** A string or chardev property. */
    public String getString(String name) {
        return (String) value(name);
    }

    /** Every property as canonical text, in schema order (what a board file writes). */
    public Map<String, String> asText() {
        return texts;
    }

    private Object value(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no property '" + name + "' in this model's schema");
        }
        return value;
    }
}
