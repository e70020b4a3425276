package org.osmium.api.model;

import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;

/** A factory service for one type of device (UART, RAM, interrupt controller, ...). */
public interface DeviceModel extends Model {
    /**
     * Creates a device instance in its reset state.
     *
     * @param context what the machine offers the device (interrupt outputs, clock, backends)
     * @param configuration the instance's validated properties
     * @throws ModelException if the configuration is impossible for this model, naming the property
     */
    Device create(DeviceContext context, Configuration configuration) throws ModelException;
}
