package org.osmium.device.sifivetest;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The SiFive test finisher as QEMU's {@code hw/misc/sifive_test.c} has it: a write at offset 0 whose low 16 bits
 * are 0x5555 powers off with status 0, 0x3333 powers off with the high 16 bits as status, 0x7777 resets the
 * machine; other writes are ignored and reads return 0. Accesses are 16 or 32 bits wide. In the device tree it is a
 * {@code syscon} that QEMU's {@code /poweroff} and {@code /reboot} nodes point at.
 */
final class SiFiveTest implements Device, DeviceTreeContributor, MmioHandler {
    static final long REGION_SIZE = 0x1000;
    static final int PASS = 0x5555;
    static final int FAIL = 0x3333;
    static final int RESET = 0x7777;

    private final MachineControl machine;

    SiFiveTest(MachineControl machine) {
        this.machine = machine;
    }

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("finisher", 0, REGION_SIZE, this));
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset != 0) {
            return;
        }
        int command = (int) (value & 0xffff);
        switch (command) {
            case PASS -> machine.powerOff(0);
            case FAIL -> machine.powerOff((int) (value >>> 16) & 0xffff);
            case RESET -> machine.reset();
            default -> {
                // Any other value is ignored, as in QEMU.
            }
        }
    }

    @Override
    public int accessSizes() {
        return SIZE_2 | SIZE_4;
    }

    @Override
    public String nodeName(long base) {
        return "test@" + Long.toHexString(base);
    }

    /** The node's compatible strings, and {@code /poweroff} and {@code /reboot} writing PASS and RESET at offset 0. */
    @Override
    public void describe(DtNode node, DtNode root) {
        node.strings("compatible", "sifive,test1", "sifive,test0", "syscon");
        int regmap = node.phandle();
        root.child("poweroff").cells("value", PASS).cells("offset", 0).cells("regmap", regmap)
                .strings("compatible", "syscon-poweroff");
        root.child("reboot").cells("value", RESET).cells("offset", 0).cells("regmap", regmap)
                .strings("compatible", "syscon-reboot");
    }

    @Override
    public void reset() {
        // The finisher holds no state.
    }

    @Override
    public StateRecord saveState() {
        return SiFiveTestState.record();
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        SiFiveTestState.check(state);
    }
}
