package org.osmium.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One composed machine. Changes are checked completely before anything changes; a refused change leaves the machine
 * as it was. Methods may be called from any thread; they pause the guest at an instruction boundary where needed.
 */
public interface Machine {
    String name();

    MachineStatus status();

    /** The devices and harts in the order they were added. */
    List<DeviceInfo> devices();

    /**
     * Adds an instance of {@code model} (optionally {@code model:version}) with the given text properties. A virtio
     * device given no {@code base} takes the place of the highest empty {@code virtio-mmio} slot and its wiring.
     */
    void add(String model, String id, Map<String, String> properties) throws MachineException;

    void remove(String id) throws MachineException;

    /** Changes properties; live ones (a UART's chardev) take effect at once, others by re-creating the instance. */
    void set(String id, Map<String, String> properties) throws MachineException;

    /** Wires an interrupt output ({@code uart0.irq}) to an input ({@code plic0.10}). */
    void wire(String output, String input) throws MachineException;

    /**
     * Loads an ELF (its segments, and every hart starts at its entry) or a raw image at {@code address} (RAM base when
     * null; harts start there). The image is loaded again on every reset.
     */
    void load(Path file, Long address) throws MachineException;

    /**
     * Places firmware, kernel, initrd and device tree as QEMU's virt board does, and points the harts at the reset
     * ROM (or straight at the first stage when the machine has no memory at the reset address). Impossible layouts are
     * refused naming the file and the addresses.
     */
    void boot(BootSpec spec) throws MachineException;

    /** The flattened device tree generated from the machine as it is composed now. */
    byte[] deviceTree() throws MachineException;

    void start() throws MachineException;

    void pause() throws MachineException;

    void resume() throws MachineException;

    void reset() throws MachineException;

    /** Executes up to {@code count} instructions on each hart of a paused or created machine; returns how many ran. */
    long step(long count) throws MachineException;

    /** The registers of a hart ({@code hart0}, or null for the first). */
    Map<String, Long> registers(String hartId) throws MachineException;

    /** Guest physical memory, as bytes; unmapped bytes are refused with their address. */
    byte[] readMemory(long address, int length) throws MachineException;

    /** The saved state of a device, as text, for {@code machine:show ID}. */
    String state(String id) throws MachineException;

    /** Waits until the guest powers off, at most {@code timeout} (null: no limit); empty if it has not. */
    OptionalInt awaitPowerOff(Duration timeout) throws InterruptedException;

    /** The exit status the guest gave when it powered off, if it did. */
    OptionalInt exitStatus();

    /** Replaces a device instance by a new one of {@code modelSpec} (null: the same model, its newest version). */
    String swap(String id, String modelSpec) throws MachineException;

    /** Updates the bundle that provides the device's model from its location and swaps onto the new code. */
    String reload(String id) throws MachineException;

    /** The board file text that reproduces this machine. */
    String boardText();

    void save(Path file) throws MachineException;
}
