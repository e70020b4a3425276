package org.osmium.device.ns16550a;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The {@code ns16550a} model: a 16550A UART with QEMU virt's address, clock and register layout. */
@Component(service = DeviceModel.class)
public final class Ns16550aModel implements DeviceModel {
    /** The largest clock a 32-bit device-tree cell holds. */
    static final long MAX_CLOCK_HZ = 0xffffffffL;

    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x10000000", "address", "guest physical address of the registers"),
            PropertySpec.optional("clock", PropertyType.INTEGER, "3686400", "Hz", "input clock; the baud rate is clock / (16 * divisor)"),
            PropertySpec.optional("chardev", PropertyType.CHARDEV, "stdio", null, "the host side of the serial line")
                    .liveSettable());

    @Override
    public String type() {
        return "ns16550a";
    }

    @Override
    public String description() {
        return "NS16550A UART with 16-byte FIFOs, as on QEMU's virt board";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        long clockHz = configuration.getLong("clock");
        if (clockHz <= 0) {
            throw new ModelException(context.id() + " (ns16550a): property 'clock' = " + clockHz + " Hz must be positive");
        }
        if (clockHz > MAX_CLOCK_HZ) {
            throw new ModelException(context.id() + " (ns16550a): property 'clock' = " + clockHz + " Hz is above "
                    + MAX_CLOCK_HZ + " Hz, the most the device tree's 32-bit clock-frequency holds");
        }
        return new Ns16550a(context.chardev("chardev"), context.output("irq"), context.clock(), clockHz);
    }
}
