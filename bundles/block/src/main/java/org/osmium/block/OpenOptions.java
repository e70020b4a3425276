package org.osmium.block;

/**
 * How to open an image: {@code format} null to probe it, {@code readOnly}, {@code openBacking} false to open the
 * image alone (its backing file named but not opened), {@code shareWrite} true to open read-only next to a writer
 * (qemu-img's -U / force-share), {@code passphrase} the LUKS passphrase of an encrypted image (or null).
 */
public record OpenOptions(String format, boolean readOnly, boolean openBacking, boolean shareWrite,
                          String passphrase) {
    /** Read-only, format probed, backing chain opened. */
    public static OpenOptions forReading() {
        return new OpenOptions(null, true, true, false, null);
    }

    /** Read-write, format probed, backing chain opened (read-only). */
    public static OpenOptions forWriting() {
        return new OpenOptions(null, false, true, false, null);
    }

    /** The same options with the format given (null to probe). */
    public OpenOptions withFormat(String newFormat) {
        return new OpenOptions(newFormat, readOnly, openBacking, shareWrite, passphrase);
    }

    /** The same options without opening the backing chain. */
    public OpenOptions withoutBacking() {
        return new OpenOptions(format, readOnly, false, shareWrite, passphrase);
    }

    /** The same options, tolerating a concurrent writer (read-only only). */
    public OpenOptions sharingWrite() {
        return new OpenOptions(format, readOnly, openBacking, true, passphrase);
    }

    /** The same options with the passphrase that unlocks an encrypted image. */
    public OpenOptions withPassphrase(String newPassphrase) {
        return new OpenOptions(format, readOnly, openBacking, shareWrite, newPassphrase);
    }

    @Override
    public String toString() {
        return "OpenOptions[format=" + format + ", readOnly=" + readOnly + ", openBacking=" + openBacking
                + ", shareWrite=" + shareWrite + ", passphrase=" + (passphrase == null ? "none" : "given") + "]";
    }
}
