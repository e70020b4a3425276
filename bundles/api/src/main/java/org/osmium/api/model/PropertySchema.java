package org.osmium.api.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The ordered list of properties a model accepts; validates text settings into a {@link Configuration}. */
public final class PropertySchema {
    private final Map<String, PropertySpec> specs = new LinkedHashMap<>();

    private PropertySchema(List<PropertySpec> list) {
        for (PropertySpec spec : list) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("property '" + spec.name() + "' is declared twice");
            }
        }
    }

    public static PropertySchema of(PropertySpec... specs) {
        return new PropertySchema(List.of(specs));
    }

    public List<PropertySpec> specs() {
        return List.copyOf(specs.values());
    }

    /** The spec of the named property, or null. */
    public PropertySpec find(String name) {
        return specs.get(name);
    }

    /**
     * Checks every given setting against this schema and fills in defaults.
     *
     * @param owner names the thing configured in messages, e.g. {@code "uart0 (ns16550a)"}
     * @throws ModelException naming the unknown property (with the accepted names), the missing one, or the bad value
     */
    public Configuration validate(String owner, Map<String, String> settings) throws ModelException {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : settings.keySet()) {
            if (!specs.containsKey(name)) {
                throw new ModelException(owner + ": unknown property '" + name + "'; accepted: "
                        + (specs.isEmpty() ? "none" : String.join(", ", specs.keySet())));
            }
        }
        for (PropertySpec spec : specs.values()) {
            String text = settings.getOrDefault(spec.name(), spec.defaultValue());
            if (text == null) {
                throw new ModelException(owner + ": property '" + spec.name() + "' is required (" + spec.type().syntax() + ")");
            }
            try {
                Object value = spec.type().parse(text);
                values.put(spec.name(), value);
                texts.put(spec.name(), spec.type().format(value));
            } catch (IllegalArgumentException e) {
                throw new ModelException(owner + ": property '" + spec.name() + "': " + e.getMessage());
            }
        }
        return new Configuration(values, texts);
    }

    @Override
    public String toString() {
        return specs.values().stream().map(PropertySpec::name).collect(Collectors.joining(", "));
    }
}
