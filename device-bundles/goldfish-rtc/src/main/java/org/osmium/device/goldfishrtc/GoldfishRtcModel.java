package org.osmium.device.goldfishrtc;

import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The {@code goldfish-rtc} model: QEMU virt's real-time clock at 0x101000, starting at the host's time, output {@code irq}. */
@Component(service = DeviceModel.class)
public final class GoldfishRtcModel implements DeviceModel {
    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("base", PropertyType.ADDRESS, "0x101000", "address", "guest physical address of the registers"));

    @Override
    public String type() {
        return "goldfish-rtc";
    }

    @Override
    public String description() {
        return "Goldfish RTC: nanoseconds since the epoch from the host's clock, with an alarm interrupt, as on QEMU's virt board";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        Instant now = Instant.now();
        return new GoldfishRtc(context.output("irq"), context.clock(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }
}
