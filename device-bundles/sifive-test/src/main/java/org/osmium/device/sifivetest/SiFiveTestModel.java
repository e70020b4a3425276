package org.osmium.device.sifivetest;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The {@code sifive-test} model: QEMU virt's test finisher at 0x100000. */
@Component(service = DeviceModel.class)
public final class SiFiveTestModel implements DeviceModel {
    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x100000", "address", "guest physical address of the register"));

    @Override
    public String type() {
        return "sifive-test";
    }

    @Override
    public String description() {
        return "SiFive test finisher: a guest write powers the machine off with a status, or resets it";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        return new SiFiveTest(context.machine());
    }
}
