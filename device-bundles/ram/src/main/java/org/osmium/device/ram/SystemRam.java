package org.osmium.device.ram;

import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;

/** Guest RAM that firmware must know of: it appears as {@code /memory@base} with {@code device_type = "memory"}. */
final class SystemRam extends Ram implements DeviceTreeContributor {
    SystemRam(long size) {
        super(size);
    }

    @Override
    public String parentPath() {
        return "/";
    }

    @Override
    public String nodeName(long base) {
        return "memory@" + Long.toHexString(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.strings("device_type", "memory");
    }
}
