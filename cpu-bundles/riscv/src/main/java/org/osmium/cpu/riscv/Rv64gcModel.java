package org.osmium.cpu.riscv;

import org.osgi.service.component.annotations.Component;
import org.osmium.api.cpu.Hart;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.CpuModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;

/** The rv64gc CPU model service: creates RV64IMAFDC harts (machine, supervisor and user mode) that interpret guest code. */
@Component(service = CpuModel.class)
public final class Rv64gcModel implements CpuModel {
    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.optional("hartid", PropertyType.INTEGER, "0", null, "the hart's id, as mhartid reads it"),
            PropertySpec.optional("reset-pc", PropertyType.ADDRESS, "0x1000", null, "where execution starts after reset"));

    @Override
    public String type() {
        return "rv64gc";
    }

    @Override
    public String description() {
        return "RISC-V RV64IMAFDC hart (M, S and U modes, Sv39/Sv48/Sv57, PMP, Zicsr, Zifencei, Zba/Zbb/Zbc/Zbs, Sstc), interpreted";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Hart create(DeviceContext context, Configuration configuration) throws ModelException {
        long hartId = configuration.getLong("hartid");
        if (hartId < 0 || hartId > Integer.MAX_VALUE) {
            throw new ModelException(context.id() + " (rv64gc): property 'hartid' = " + hartId + " must be between 0 and "
                    + Integer.MAX_VALUE);
        }
        long resetPc = configuration.getLong("reset-pc");
        if ((resetPc & 1) != 0) {
            throw new ModelException(context.id() + " (rv64gc): property 'reset-pc' = 0x" + Long.toHexString(resetPc)
                    + " must be 2-byte aligned");
        }
        return new RiscvHart(context, (int) hartId, resetPc);
    }
}
