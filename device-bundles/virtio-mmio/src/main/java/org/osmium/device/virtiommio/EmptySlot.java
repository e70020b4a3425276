package org.osmium.device.virtiommio;

import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.virtio.VirtioMmio;

/**
 * A virtio-mmio slot with nothing plugged in, as QEMU's {@code hw/virtio/virtio-mmio.c} answers without a backend:
 * MagicValue, Version and VendorID read their values, every other register reads 0 (so DeviceID 0: no driver claims
 * it) and writes are ignored. Its {@code irq} output stays low. In the device tree it is {@code virtio_mmio@base}.
 */
final class EmptySlot implements Device, DeviceTreeContributor, MmioHandler {
    static final String STATE_TYPE = "virtio-mmio-empty";
    static final int STATE_VERSION = 1;

    private static final int MAGIC_VALUE = 0x000, VERSION = 0x004, VENDOR_ID = 0x00c;

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("virtio-mmio", 0, VirtioMmio.SLOT_SIZE, this));
    }

    @Override
    public long read(long offset, int size) {
        if (size != 4) {
            return 0;
        }
        return switch ((int) offset) {
            case MAGIC_VALUE -> VirtioMmio.MAGIC;
            case VERSION -> VirtioMmio.VERSION;
            case VENDOR_ID -> VirtioMmio.VENDOR;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        // Nothing is plugged in: writes go nowhere, as on QEMU.
    }

    @Override
    public String nodeName(long base) {
        return VirtioMmio.nodeName(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        VirtioMmio.describe(node);
    }

    @Override
    public void reset() {
        // An empty slot holds no state.
    }

    @Override
    public StateRecord saveState() {
        return StateRecord.builder(STATE_TYPE, STATE_VERSION).build();
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        state.require(STATE_TYPE, STATE_VERSION);
    }
}
