package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Version;
import org.osmium.runtime.MachineException;

/** The models currently registered, by type and version; the newest version of a type wins unless one is named. */
final class ModelRegistry {
    private final List<ModelEntry> entries = new CopyOnWriteArrayList<>();

    void add(ModelEntry entry) {
        entries.add(entry);
    }

    void remove(long serviceId) {
        entries.removeIf(entry -> entry.serviceId() == serviceId);
    }

    List<ModelEntry> all() {
        List<ModelEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ModelEntry::type).thenComparing(ModelEntry::version));
        return sorted;
    }

    /** The newest model of a type (the last registered among equal versions), or null. */
    ModelEntry newest(String type) {
        return entries.stream().filter(entry -> entry.type().equals(type))
                .max(Comparator.comparing(ModelEntry::version).thenComparingLong(ModelEntry::serviceId)).orElse(null);
    }

    /**
     * Resolves {@code type} or {@code type:version} to a registered model.
     *
     * @throws MachineException naming the unknown model and the ones that exist
     */
    ModelEntry resolve(String spec) throws MachineException {
        int colon = spec.indexOf(':');
        String type = colon < 0 ? spec : spec.substring(0, colon);
        if (colon < 0) {
            ModelEntry entry = newest(type);
            if (entry == null) {
                throw new MachineException("unknown model '" + type + "'; available: " + typeNames());
            }
            return entry;
        }
        Version wanted;
        try {
            wanted = Version.parseVersion(spec.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new MachineException("'" + spec + "': bad version (" + e.getMessage() + "); write MODEL or MODEL:VERSION");
        }
        List<String> versions = new ArrayList<>();
        for (ModelEntry entry : entries) {
            if (entry.type().equals(type)) {
                if (entry.version().equals(wanted)) {
                    return entry;
                }
                versions.add(entry.version().toString());
            }
        }
        if (versions.isEmpty()) {
            throw new MachineException("unknown model '" + type + "'; available: " + typeNames());
        }
        throw new MachineException("model '" + type + "' has no version " + wanted + "; available: " + String.join(", ", versions));
    }

    String typeNames() {
        TreeSet<String> names = new TreeSet<>();
        entries.forEach(entry -> names.add(entry.type()));
        return names.isEmpty() ? "none (no model bundle is started)" : String.join(", ", names);
    }
}
