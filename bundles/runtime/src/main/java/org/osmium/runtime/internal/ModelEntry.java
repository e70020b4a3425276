package org.osmium.runtime.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osmium.api.model.CpuModel;
import org.osmium.api.model.Model;

/** One registered model service with the bundle that provides it. */
record ModelEntry(Model model, Bundle bundle, long serviceId) {

    String type() {
        return model.type();
    }

    Version version() {
        return bundle == null ? Version.emptyVersion : bundle.getVersion();
    }

    String kind() {
        return model instanceof CpuModel ? "cpu" : "device";
    }

    /** Where the model comes from, for messages: {@code bundle NAME VERSION}. */
    String origin() {
        return bundle == null ? "its provider" : "bundle " + bundle.getSymbolicName() + " " + version();
    }

    /** {@code type:version}, as the shell prints and accepts it. */
    String label() {
        return type() + ":" + version();
    }
}
