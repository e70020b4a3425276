package org.osmium.api.model;

import org.osmium.api.cpu.Hart;
import org.osmium.api.device.DeviceContext;

/** A factory service for one type of CPU: each instance is one hart. */
public interface CpuModel extends Model {
    /**
     * Creates a hart in its reset state.
     *
     * @throws ModelException if the configuration is impossible for this model, naming the property
     */
    Hart create(DeviceContext context, Configuration configuration) throws ModelException;
}
