package org.osmium.device.clint;

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
 * The {@code clint} model: QEMU virt's CLINT for 1 to 8 harts, with outputs {@code msip0}, {@code mtip0},
 * {@code msip1}, ... that the board wires to each hart's {@code msip} and {@code mtip} inputs.
 */
@Component(service = DeviceModel.class)
public final class ClintModel implements DeviceModel {
    static final int MAX_HARTS = 8;

    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x2000000", "address", "guest physical address of the registers"),
            PropertySpec.optional("harts", PropertyType.INTEGER, "1", null,
                    "harts served (1 to 8): one msip, mtimecmp and pair of outputs each"));

    @Override
    public String type() {
        return "clint";
    }

    @Override
    public String description() {
        return "CLINT: machine software interrupts and the 10 MHz machine timer, as on QEMU's virt board";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        long harts = configuration.getLong("harts");
        if (harts < 1 || harts > MAX_HARTS) {
            throw new ModelException(context.id() + " (clint): property 'harts' = " + harts + " is outside 1.." + MAX_HARTS);
        }
        IrqLine[] msip = new IrqLine[(int) harts];
        IrqLine[] mtip = new IrqLine[(int) harts];
        for (int hart = 0; hart < harts; hart++) {
            msip[hart] = context.output("msip" + hart);
            mtip[hart] = context.output("mtip" + hart);
        }
        return new Clint(context.clock(), context.timebase(), msip, mtip);
    }
}
