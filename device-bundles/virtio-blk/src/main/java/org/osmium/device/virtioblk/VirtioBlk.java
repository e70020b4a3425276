package org.osmium.device.virtioblk;

import java.util.List;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.virtio.GuestMemory;
import org.osmium.virtio.VirtioMmio;

/**
 * A virtio-blk device in a virtio-mmio slot: the transport's registers at the slot's base, the block requests of
 * {@link BlockRequests}, and the image it owns from creation to {@link #close()}, which flushes and closes it. In the
 * device tree it is {@code virtio_mmio@base}, as QEMU's slots are.
 */
final class VirtioBlk implements Device, DeviceTreeContributor {
    private final String id;
    private final BlockImage image;
    private final VirtioMmio transport;
    private boolean closed;

    VirtioBlk(String id, BlockImage image, boolean readOnly, String serial, AddressSpace space, IrqLine irq) {
        this.id = id;
        this.image = image;
        BlockRequests requests = new BlockRequests(id, image, readOnly, serial, new GuestMemory(space));
        this.transport = new VirtioMmio(id, requests, space, irq);
    }

    @Override
    public List<Region> regions() {
        return List.of(transport.region());
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
        transport.reset();
    }

    @Override
    public StateRecord saveState() {
        return VirtioBlkState.save(transport);
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        VirtioBlkState.restore(state, transport);
    }

    /** Flushes and closes the image, so that a destroyed or powered-off machine leaves it consistent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            image.close();
        } catch (BlockException e) {
            System.err.println("Osmium: " + id + ": closing " + image.path() + " failed: " + e.getMessage());
        }
    }
}
