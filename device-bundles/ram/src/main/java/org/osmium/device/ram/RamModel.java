package org.osmium.device.ram;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The {@code ram} model: guest RAM of a configured size at a configured base address. */
@Component(service = DeviceModel.class)
public final class RamModel implements DeviceModel {
    /** The RAM page size; sizes are whole pages. */
    static final long PAGE = 4096;
    /** The largest size one Java byte[] holds in whole pages: 2G - 4K. */
    static final long MAX_SIZE = (1L << 31) - PAGE;

    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x80000000", "address", "guest physical address of the first byte"),
            PropertySpec.optional("size", PropertyType.SIZE, "128M", "bytes", "RAM size: whole 4K pages, at most 2G - 4K"),
            PropertySpec.optional("memory-node", PropertyType.BOOLEAN, "on", null,
                    "describe it as a /memory node in the device tree; off for the reset ROM"));

    @Override
    public String type() {
        return "ram";
    }

    @Override
    public String description() {
        return "guest RAM: one block of host memory that CPUs reach without a bus call";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        long size = configuration.getLong("size");
        String problem = size == 0 ? "must not be 0"
                : size % PAGE != 0 ? "is not a multiple of 4K (" + PAGE + " bytes)"
                : size > MAX_SIZE ? "is above the limit of 2G - 4K (" + MAX_SIZE + " bytes): RAM is one Java byte[]"
                : null;
        if (problem != null) {
            throw new ModelException(context.id() + " (ram): property 'size' = " + size + " bytes " + problem);
        }
        return configuration.getBoolean("memory-node") ? new SystemRam((int) size) : new Ram((int) size);
    }
}
