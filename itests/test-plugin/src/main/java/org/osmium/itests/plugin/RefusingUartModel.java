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

/** An old {@code ns16550a} (0.0.1) written by a third party against the API only, which refuses every saved state. */
@Component(service = DeviceModel.class)
public final class RefusingUartModel implements DeviceModel {
    @Override
    public String type() {
        return "ns16550a";
    }

    @Override
    public String description() {
        return "test plugin: a UART that accepts no saved state";
    }

    @Override
    public PropertySchema schema() {
        return PropertySchema.of(
                PropertySpec.optional("base", PropertyType.ADDRESS, "0x10000000", "", "MMIO base address"),
                PropertySpec.optional("clock", PropertyType.INTEGER, "3686400", "Hz", "input clock"),
                PropertySpec.optional("chardev", PropertyType.CHARDEV, "stdio", "", "character backend").liveSettable());
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) {
        return new Device() {
            @Override
            public List<Region> regions() {
                return List.of(Region.mmio("regs", 0, 0x100, new MmioHandler() {
                    @Override
                    public long read(long offset, int size) {
                        return 0;
                    }

                    @Override
                    public void write(long offset, int size, long value) {
                    }
                }));
            }

            @Override
            public void reset() {
            }

            @Override
            public StateRecord saveState() {
                return StateRecord.builder("refusing-uart", 1).build();
            }

            @Override
            public void restoreState(StateRecord state) throws StateException {
                throw new StateException("this test UART reads no saved state (given " + state.type() + " v" + state.version() + ")");
            }
        };
    }
}
