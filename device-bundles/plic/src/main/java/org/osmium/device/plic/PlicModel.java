package org.osmium.device.plic;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/**
 * The {@code plic} model: QEMU virt's PLIC with inputs {@code "1"} to {@code "num-sources - 1"} and outputs
 * {@code meip0}, {@code seip0}, {@code meip1}, ... that the board wires to each hart's {@code meip} and {@code seip}.
 */
@Component(service = DeviceModel.class)
public final class PlicModel implements DeviceModel {
    static final int MAX_HARTS = 8;
    /** The register layout has room for 1024 sources, source 0 included. */
    static final int MAX_SOURCES = 1024;

    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0xc000000", "address", "guest physical address of the registers"),
            PropertySpec.optional("num-sources", PropertyType.INTEGER, "96", null,
                    "interrupt sources including the reserved source 0 (2 to 1024)"),
            PropertySpec.optional("harts", PropertyType.INTEGER, "1", null, "harts served (1 to 8): an M and an S context each"));

    @Override
    public String type() {
        return "plic";
    }

    @Override
    public String description() {
        return "SiFive PLIC: level-triggered sources with 7 priority levels, M and S contexts per hart, as on QEMU's virt board";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        long sources = configuration.getLong("num-sources");
        if (sources < 2 || sources > MAX_SOURCES) {
            throw new ModelException(context.id() + " (plic): property 'num-sources' = " + sources + " is outside 2.." + MAX_SOURCES);
        }
        long harts = configuration.getLong("harts");
        if (harts < 1 || harts > MAX_HARTS) {
            throw new ModelException(context.id() + " (plic): property 'harts' = " + harts + " is outside 1.." + MAX_HARTS);
        }
        IrqLine[] outputs = new IrqLine[(int) harts * 2];
        for (int hart = 0; hart < harts; hart++) {
            outputs[2 * hart] = context.output("meip" + hart);
            outputs[2 * hart + 1] = context.output("seip" + hart);
        }
        return new Plic((int) sources, outputs);
    }
}
