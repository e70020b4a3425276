package org.osmium.runtime.internal;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** A one-register device for runtime tests; {@code refuseState} makes its instances refuse every saved state. */
final class RegisterDeviceModel implements DeviceModel {
    private final boolean refuseState;
    int created;

    RegisterDeviceModel(boolean refuseState) {
        this.refuseState = refuseState;
    }

    @Override
    public String type() {
        return "register";
    }

    @Override
    public String description() {
        return "one 64-bit register at offset 0";
    }

    @Override
    public PropertySchema schema() {
        return PropertySchema.of(
                PropertySpec.optional("base", PropertyType.ADDRESS, "0x1000", "", "MMIO base"),
                PropertySpec.optional("size", PropertyType.SIZE, "4K", "bytes", "window size"));
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        created++;
        long size = configuration.getLong("size");
        return new Device() {
            private long value;

            @Override
            public List<Region> regions() {
                return List.of(Region.mmio("reg", 0, size, new MmioHandler() {
                    @Override
                    public long read(long offset, int width) {
                        return value;
                    }

                    @Override
                    public void write(long offset, int width, long newValue) {
                        value = newValue;
                    }
                }));
            }

            @Override
            public void reset() {
                value = 0;
            }

            @Override
            public StateRecord saveState() {
                return StateRecord.builder("register", 1).put("value", value).build();
            }

            @Override
            public void restoreState(StateRecord state) throws StateException {
                if (refuseState) {
                    throw new StateException("refused on purpose");
                }
                state.require("register", 1);
                value = state.getLong("value");
            }
        };
    }
}
