package org.osmium.api.devicetree;

/**
 * Implemented by devices and harts whose interrupt inputs appear in the device tree: the node other devices'
 * interrupts point at, and the specifier cells of each named input.
 */
public interface InterruptController {
    /** The controller node within this device's node (a hart's {@code interrupt-controller} child), or the node itself. */
    DtNode interruptNode(DtNode deviceNode);

    /** The specifier cells of an input, e.g. PLIC input {@code "10"} gives {@code {10}}, hart input {@code "mtip"} gives {@code {7}}. */
    long[] interruptSpecifier(String input);
}
