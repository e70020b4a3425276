package org.osmium.runtime;

import java.util.List;
import org.osmium.api.model.PropertySpec;

/** A model registered in the framework: its type, kind ({@code cpu} or {@code device}), bundle version and schema. */
public record ModelInfo(String type, String kind, String version, String description, List<PropertySpec> properties) {
}
