package org.osmium.devicetree;

import org.osmium.api.devicetree.DtNode;

/**
 * A device tree under construction: nodes and properties in the order they are created, phandles numbered from 1 in
 * the order they are first asked for, and {@link #toBlob} to encode it for firmware. Not thread-safe: one machine
 * builds its tree on one thread.
 */
public final class DeviceTree {
    private final TreeNode root = new TreeNode(this::nextPhandle);
    private int lastPhandle;

    /** The root node {@code /}. */
    public DtNode root() {
        return root;
    }

    /**
     * The node at an absolute path such as {@code /soc/serial@10000000}, creating the missing nodes along it.
     *
     * @throws IllegalArgumentException naming the path when it is not absolute or holds an invalid node name
     */
    public DtNode node(String path) {
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("device tree path '" + path + "' is not absolute (/ or /name/name...)");
        }
        DtNode node = root;
        for (String name : path.substring(1).split("/", -1)) {
            if (!name.isEmpty() || path.length() > 1) {
                node = node.child(name);
            }
        }
        return node;
    }

    /**
     * Encodes the tree as a flattened device tree (version 17, last compatible version 16) with an empty memory
     * reservation map.
     *
     * @param bootCpuId the physical id of the boot CPU, written to the header
     */
    public byte[] toBlob(int bootCpuId) {
        if (bootCpuId < 0) {
            throw new IllegalArgumentException("boot CPU id " + bootCpuId + " is negative");
        }
        return new BlobWriter().write(root, bootCpuId);
    }

    private int nextPhandle() {
        return ++lastPhandle;
    }
}
