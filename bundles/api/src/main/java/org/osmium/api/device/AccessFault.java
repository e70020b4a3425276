package org.osmium.api.device;

/**
 * A bus access that nothing answers (unmapped address, unsupported width): an architectural fault for the guest,
 * never fatal to the emulator. It carries no stack trace, so it is cheap to throw.
 */
public final class AccessFault extends Exception {
    private static final long serialVersionUID = 1L;
    private final long address;

    public AccessFault(long address, String reason) {
        super(reason + " at 0x" + Long.toHexString(address), null, false, false);
        this.address = address;
    }

    public long address() {
        return address;
    }
}
