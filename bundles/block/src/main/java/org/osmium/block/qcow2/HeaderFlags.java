package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** The header's status bits, written through as they change: dirty (lazy refcounts), corrupt, autoclear. */
final class HeaderFlags {
    private final ImageFile file;
    private final Qcow2Header header;
    private final String name;
    private boolean markedDirty;

    HeaderFlags(ImageFile file, Qcow2Header header) {
        this.file = file;
        this.header = header;
        this.name = file.path().toString();
    }

    boolean dirty() {
        return (header.incompatible & Qcow2Header.INCOMPAT_DIRTY) != 0;
    }

    boolean corrupt() {
        return (header.incompatible & Qcow2Header.INCOMPAT_CORRUPT) != 0;
    }

    /** Refuses writes to a read-only or corrupt image; clears the autoclear bits before the first write. */
    void requireWritable() throws BlockException {
        if (file.readOnly()) {
            throw new BlockException(name + ": image is opened read-only");
        }
        if (corrupt()) {
            throw new BlockException(name + ": image is marked corrupt; writes are refused");
        }
        if (header.autoclear != 0) {
            header.autoclear = 0;
            file.write(88, ByteBuffer.allocate(8).putLong(0, 0));
            file.sync();
        }
    }

    /** Sets the dirty bit before the first metadata change of an image with lazy refcounts. */
    void markDirtyIfLazy() throws BlockException {
        if (!markedDirty && (header.compatible & Qcow2Header.COMPAT_LAZY_REFCOUNTS) != 0) {
            writeIncompatible(header.incompatible | Qcow2Header.INCOMPAT_DIRTY);
            markedDirty = true;
        }
    }

    /** Clears the dirty bit once the refcounts are known to be right. */
    void clearDirty() throws BlockException {
        writeIncompatible(header.incompatible & ~Qcow2Header.INCOMPAT_DIRTY);
    }

    /** Clears the dirty bit this session set, on a clean close. */
    void clearOwnDirty() throws BlockException {
        if (markedDirty) {
            clearDirty();
        }
    }

    /** The error for inconsistent metadata {@code what}; a writable image is marked corrupt first. */
    BlockException corruption(String what) {
        if (!file.readOnly() && !corrupt()) {
            try {
                writeIncompatible(header.incompatible | Qcow2Header.INCOMPAT_CORRUPT);
            } catch (BlockException e) {
                return new BlockException(name + ": " + what + "; marking the image corrupt failed too: "
                        + e.getMessage());
            }
            return new BlockException(name + ": " + what + "; image marked corrupt, further writes refused");
        }
        return new BlockException(name + ": " + what);
    }

    private void writeIncompatible(long value) throws BlockException {
        if (header.version < 3) {
            return;
        }
        header.incompatible = value;
        file.write(Qcow2Header.OFFSET_INCOMPAT, ByteBuffer.allocate(8).putLong(0, value));
        file.sync();
    }
}
