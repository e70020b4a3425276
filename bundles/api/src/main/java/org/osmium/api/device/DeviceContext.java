package org.osmium.api.device;

/** What the machine offers a device or hart when it is created. */
public interface DeviceContext {
    /** The instance id in the machine ({@code uart0}), for messages. */
    String id();

    /** A named interrupt output; the board decides where it goes (nowhere, if unwired). */
    IrqLine output(String name);

    /** The character backend chosen by the named {@code CHARDEV} property. */
    CharBackend chardev(String property);

    VirtualClock clock();

    /** The machine's time base, shared by every device and hart of the machine. */
    Timebase timebase();

    AddressSpace addressSpace();

    MachineControl machine();

    /** Runs {@code event} on the machine's execution thread; callable from any thread (I/O threads). */
    void post(Runnable event);
}
