package org.osmium.device.virtioblk;

import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.virtio.VirtioMmio;

/**
 * The state record of a {@link VirtioBlk}: type {@code virtio-blk} version 1 holding the transport's record
 * (registers, negotiated features, queue addresses and indexes). The image is a host resource, not state: a
 * replacement instance opens it again from its {@code file} property.
 */
final class VirtioBlkState {
    static final String TYPE = "virtio-blk";
    static final int VERSION = 1;

    private VirtioBlkState() {
    }

    static StateRecord save(VirtioMmio transport) {
        return StateRecord.builder(TYPE, VERSION).put("transport", transport.saveState()).build();
    }

    static void restore(StateRecord state, VirtioMmio transport) throws StateException {
        state.require(TYPE, VERSION);
        transport.restoreState(state.getRecord("transport"));
    }
}
