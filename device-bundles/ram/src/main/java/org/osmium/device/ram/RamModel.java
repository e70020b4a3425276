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
    /** Heap kept free for everything but RAM when checking that a RAM fits in this JVM. */
    static final long HEAP_RESERVE = 256L << 20;

    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x80000000", "address", "guest physical address of the first byte"),
            PropertySpec.optional("size", PropertyType.SIZE, "128M", "bytes", "RAM size: whole 4K pages; host memory is taken as the guest first uses it"),
            PropertySpec.optional("memory-node", PropertyType.BOOLEAN, "on", null,
                    "describe it as a /memory node in the device tree; off for the reset ROM"));

    @Override
    public String type() {
        return "ram";
    }

    @Override
    public String description() {
        return "guest RAM: host memory that CPUs reach without a bus call, taken in 2 MiB blocks as the guest uses it";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        long size = configuration.getLong("size");
        long heapForRam = Runtime.getRuntime().maxMemory() - HEAP_RESERVE;
        String problem = size == 0 ? "must not be 0"
                : size % PAGE != 0 ? "is not a multiple of 4K (" + PAGE + " bytes)"
                : size > heapForRam ? "is more than this Java heap can hold (" + heapForRam + " bytes: its maximum less "
                        + (HEAP_RESERVE >> 20) + "M for the rest); give Java a larger -Xmx"
                        + " (./osmium: OSMIUM_JAVA_OPTIONS=-Xmx...)"
                : null;
        if (problem != null) {
            throw new ModelException(context.id() + " (ram): property 'size' = " + size + " bytes " + problem);
        }
        return configuration.getBoolean("memory-node") ? new SystemRam(size) : new Ram(size);
    }
}
