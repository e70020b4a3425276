package org.osmium.itests.plugin;

import java.util.List;
import org.osgi.service.component.annotations.Component;
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

/** A third-party device written against the API only: one 64-bit register that keeps its value across swaps. */
@Component(service = DeviceModel.class)
public final class ScratchpadModel implements DeviceModel {
    @Override
    public String type() {
        return "scratchpad";
    }

    @Override
    public String description() {
        return "test plugin: one 64-bit read/write register";
    }

    @Override
    public PropertySchema schema() {
        return PropertySchema.of(PropertySpec.required("base", PropertyType.ADDRESS, "", "MMIO base address"));
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        return new Device() {
            private long value;

            @Override
            public List<Region> regions() {
                return List.of(Region.mmio("register", 0, 8, new MmioHandler() {
                    @Override
                    public long read(long offset, int size) {
                        return value;
                    }

                    @Override
                    public void write(long offset, int size, long newValue) {
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
                return StateRecord.builder("scratchpad", 1).put("value", value).build();
            }

            @Override
            public void restoreState(StateRecord state) throws StateException {
                state.require("scratchpad", 1);
                value = state.getLong("value");
            }
        };
    }
}
