package org.osmium.api.devicetree;

/** A node of the device tree being generated; properties keep the order in which they are set. */
public interface DtNode {
    /** The full path, e.g. {@code /soc/serial@10000000}. */
    String path();

    /** The child of that name ({@code name@unit}), created on first use. */
    DtNode child(String name);

    /** A string property, or a string list when several strings are given. */
    DtNode strings(String property, String... values);

    /** A property of 32-bit cells; every value must fit in 32 unsigned bits. */
    DtNode cells(String property, long... values);

    /** A property of 64-bit values, each as two cells (high, low). */
    DtNode longs(String property, long... values);

    DtNode bytes(String property, byte[] value);

    /** A property without value ({@code interrupt-controller;}). */
    DtNode empty(String property);

    /** This node's phandle, assigned and written the first time it is asked for. */
    int phandle();
}
