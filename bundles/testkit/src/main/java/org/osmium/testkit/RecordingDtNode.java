package org.osmium.testkit;

import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.osmium.api.devicetree.DtNode;

/**
 * A device-tree node that records what a device writes, each property as dts-like text ({@code "a", "b"},
 * {@code <0x1 0x2>}, {@code /bits/ 64 <0x1>}, {@code [01 02]}, or "" for an empty property), in the order set.
 */
public final class RecordingDtNode implements DtNode {
    private final String path;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, RecordingDtNode> children = new LinkedHashMap<>();
    private int phandle;

    public RecordingDtNode(String path) {
        this.path = path;
    }

    /** The properties set, as text, in the order first set. */
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** The children created, by name, in the order created. */
    public Map<String, RecordingDtNode> children() {
        return Collections.unmodifiableMap(children);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public RecordingDtNode child(String name) {
        return children.computeIfAbsent(name, created -> new RecordingDtNode(path.equals("/") ? "/" + created : path + "/" + created));
    }

    @Override
    public DtNode strings(String property, String... values) {
        properties.put(property, Stream.of(values).map(value -> '"' + value + '"').collect(Collectors.joining(", ")));
        return this;
    }

    @Override
    public DtNode cells(String property, long... values) {
        properties.put(property, hexList(values));
        return this;
    }

    @Override
    public DtNode longs(String property, long... values) {
        properties.put(property, "/bits/ 64 " + hexList(values));
        return this;
    }

    @Override
    public DtNode bytes(String property, byte[] value) {
        properties.put(property, "[" + HexFormat.ofDelimiter(" ").formatHex(value) + "]");
        return this;
    }

    @Override
    public DtNode empty(String property) {
        properties.put(property, "");
        return this;
    }

    /** Numbered 1 on first request: each test tree holds one node that asks. */
    @Override
    public int phandle() {
        if (phandle == 0) {
            phandle = 1;
            properties.put("phandle", "<0x1>");
        }
        return phandle;
    }

    private static String hexList(long[] values) {
        return LongStream.of(values).mapToObj(value -> "0x" + Long.toHexString(value)).collect(Collectors.joining(" ", "<", ">"));
    }
}
