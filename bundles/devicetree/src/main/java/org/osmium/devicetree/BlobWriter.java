package org.osmium.devicetree;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a tree as a flattened device tree blob: the 40-byte header, an empty memory reservation map, the structure
 * block (tokens, names and values padded to 4 bytes) and the strings block with each property name stored once.
 * All numbers are big-endian.
 */
final class BlobWriter {
    static final int MAGIC = 0xd00dfeed;
    static final int VERSION = 17;
    static final int LAST_COMPATIBLE_VERSION = 16;
    static final int HEADER_SIZE = 40;
    /** One terminating entry (address 0, size 0) of 8 + 8 bytes. */
    static final int RESERVATION_MAP_SIZE = 16;
    static final int BEGIN_NODE = 1, END_NODE = 2, PROP = 3, END = 9;

    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();

    byte[] write(TreeNode root, int bootCpuId) {
        writeNode(root);
        token(END);
        int structureOffset = HEADER_SIZE + RESERVATION_MAP_SIZE;
        int stringsOffset = structureOffset + structure.size();
        int totalSize = stringsOffset + strings.size();
        ByteBuffer blob = ByteBuffer.allocate(totalSize);
        blob.putInt(MAGIC).putInt(totalSize).putInt(structureOffset).putInt(stringsOffset).putInt(HEADER_SIZE)
                .putInt(VERSION).putInt(LAST_COMPATIBLE_VERSION).putInt(bootCpuId).putInt(strings.size())
                .putInt(structure.size());
        blob.put(new byte[RESERVATION_MAP_SIZE]);
        blob.put(structure.toByteArray());
        blob.put(strings.toByteArray());
        return blob.array();
    }

    private void writeNode(TreeNode node) {
        token(BEGIN_NODE);
        structure.writeBytes(node.name().getBytes(StandardCharsets.UTF_8));
        structure.write(0);
        pad();
        for (Map.Entry<String, byte[]> property : node.properties().entrySet()) {
            byte[] value = property.getValue();
            token(PROP);
            word(value.length);
            word(stringOffset(property.getKey()));
            structure.writeBytes(value);
            pad();
        }
        for (TreeNode child : node.children()) {
            writeNode(child);
        }
        token(END_NODE);
    }

    private int stringOffset(String name) {
        return stringOffsets.computeIfAbsent(name, added -> {
            int offset = strings.size();
            strings.writeBytes(added.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return offset;
        });
    }

    private void token(int token) {
        word(token);
    }

    private void word(int value) {
        structure.write(value >>> 24);
        structure.write(value >>> 16);
        structure.write(value >>> 8);
        structure.write(value);
    }

    private void pad() {
        while (structure.size() % 4 != 0) {
            structure.write(0);
        }
    }
}
