package org.osmium.devicetree;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.osmium.api.devicetree.DtNode;

/**
 * One node of a {@link DeviceTree}: its properties as encoded big-endian values in the order first set (setting one
 * again replaces its value in place), and its children in the order created. Names are checked as the device-tree
 * specification defines them, so that {@code dtc} reads the blob without complaint.
 */
final class TreeNode implements DtNode {
    /** Node names: 1 to 31 characters of the specification's set, then an optional unit address. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9,._+-]{0,30}(@[A-Za-z0-9,._+-]+)?");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z0-9,._+?#-]{1,31}");
    private static final String PHANDLE = "phandle";

    private final String path;
    private final String name;
    private final IntSupplier phandles;
    private final Map<String, byte[]> properties = new LinkedHashMap<>();
    private final Map<String, TreeNode> children = new LinkedHashMap<>();
    private int phandle;

    /** The root node, named "" at path "/"; {@code phandles} hands out the tree's next phandle. */
    TreeNode(IntSupplier phandles) {
        this("/", "", phandles);
    }

    private TreeNode(String path, String name, IntSupplier phandles) {
        this.path = path;
        this.name = name;
        this.phandles = phandles;
    }

    @Override
    public String path() {
        return path;
    }

    String name() {
        return name;
    }

    Map<String, byte[]> properties() {
        return properties;
    }

    Collection<TreeNode> children() {
        return children.values();
    }

    @Override
    public DtNode child(String childName) {
        TreeNode existing = children.get(childName);
        if (existing != null) {
            return existing;
        }
        if (childName == null || !NODE_NAME.matcher(childName).matches()) {
            throw new IllegalArgumentException("device tree node " + path + ": '" + childName + "' is not a node name"
                    + " (a letter, then up to 30 letters, digits or , . _ + -, then an optional @unit-address)");
        }
        TreeNode child = new TreeNode(path.equals("/") ? "/" + childName : path + "/" + childName, childName, phandles);
        children.put(childName, child);
        return child;
    }

    @Override
    public DtNode strings(String property, String... values) {
        if (values.length == 0) {
            throw invalid(property, "needs at least one string");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String value : values) {
            if (value.indexOf('\0') >= 0) {
                throw invalid(property, "string \"" + value.replace("\0", "\\0") + "\" contains a NUL character");
            }
            bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return set(property, bytes.toByteArray());
    }

    @Override
    public DtNode cells(String property, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES);
        for (long value : values) {
            if (value >>> 32 != 0) {
                throw invalid(property, "cell value 0x" + Long.toHexString(value) + " does not fit in 32 bits");
            }
            bytes.putInt((int) value);
        }
        return set(property, bytes.array());
    }

    @Override
    public DtNode longs(String property, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long value : values) {
            bytes.putLong(value);
        }
        return set(property, bytes.array());
    }

    @Override
    public DtNode bytes(String property, byte[] value) {
        return set(property, value.clone());
    }

    @Override
    public DtNode empty(String property) {
        return set(property, new byte[0]);
    }

    @Override
    public int phandle() {
        if (phandle == 0) {
            phandle = phandles.getAsInt();
            properties.put(PHANDLE, ByteBuffer.allocate(Integer.BYTES).putInt(phandle).array());
        }
        return phandle;
    }

    private DtNode set(String property, byte[] value) {
        if (property == null || !PROPERTY_NAME.matcher(property).matches()) {
            throw invalid(property, "is not a property name (1 to 31 letters, digits or , . _ + ? # -)");
        }
        if (property.equals(PHANDLE)) {
            throw invalid(property, "is assigned by phandle(), not set directly");
        }
        properties.put(property, value);
        return this;
    }

    private IllegalArgumentException invalid(String property, String problem) {
        return new IllegalArgumentException("device tree node " + path + ": property '" + property + "' " + problem);
    }
}
