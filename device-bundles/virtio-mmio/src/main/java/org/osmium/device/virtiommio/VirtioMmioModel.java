package org.osmium.device.virtiommio;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The {@code virtio-mmio} model: an empty virtio-mmio slot of QEMU's virt board (0x10001000 + n * 0x1000). */
@Component(service = DeviceModel.class)
public final class VirtioMmioModel implements DeviceModel {
    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.required("base", PropertyType.ADDRESS, "address", "guest physical address of the slot's registers"));

    @Override
    public String type() {
        return "virtio-mmio";
    }

    @Override
    public String description() {
        return "empty virtio-mmio slot: drivers find the magic value and device id 0, and leave it alone";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        return new EmptySlot();
    }
}
