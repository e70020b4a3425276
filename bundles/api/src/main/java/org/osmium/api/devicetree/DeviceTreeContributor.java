package org.osmium.api.devicetree;

/**
 * Implemented by devices and harts that appear in the device tree. The machine creates the node under
 * {@link #parentPath()} with the name from {@link #nodeName}, writes {@code reg} from the device's mapped regions and
 * {@code interrupts} (or {@code interrupts-extended}) from the board's wiring; the device writes the rest.
 */
public interface DeviceTreeContributor {
    /** Where the node goes: {@code /soc} for most devices, {@code /cpus} for harts, {@code /} for memory. */
    default String parentPath() {
        return "/soc";
    }

    /** The node name with its unit address, e.g. {@code serial@10000000}; {@code base} is the device's base address. */
    String nodeName(long base);

    /**
     * Writes the device's own properties ({@code compatible}, clocks, ...) into {@code node}; {@code root} lets a device
     * add nodes elsewhere (the SiFive test device's {@code /poweroff} and {@code /reboot}).
     */
    void describe(DtNode node, DtNode root);

    /** True when the device's interrupts must be written as {@code interrupts-extended} (CLINT, PLIC contexts). */
    default boolean extendedInterrupts() {
        return false;
    }

    /** False for devices whose registers must not appear as {@code reg} (harts write their own {@code reg}). */
    default boolean regFromRegions() {
        return true;
    }
}
