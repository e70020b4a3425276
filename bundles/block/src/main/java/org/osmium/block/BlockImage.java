package org.osmium.block;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An open disk image: a flat virtual disk of {@link #size()} bytes stored in some format. */
public interface BlockImage extends AutoCloseable {
    /** The image file. */
    Path path();

    /** The format name, as qemu-img says it ("raw", "qcow2"). */
    String format();

    /** The virtual disk size in bytes. */
    long size();

    /** True when opened without write access. */
    boolean readOnly();

    /** Reads {@code length} bytes at virtual offset {@code offset} into {@code buffer} at {@code bufferOffset}. */
    void read(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException;

    /** Writes {@code length} bytes from {@code buffer} at virtual offset {@code offset}. */
    void write(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException;

    /**
     * Writes one whole cluster at cluster-aligned {@code offset} compressed (the last cluster may be short), or
     * uncompressed when compression does not make it smaller. The cluster must not be allocated yet.
     */
    void writeCompressed(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException;

    /** Makes the range read as zeros, deallocating where the format can. */
    void writeZeroes(long offset, long length) throws BlockException;

    /** Tells the image that the range's content is no longer needed; it may then read as zeros or old data. */
    void discard(long offset, long length) throws BlockException;

    /** Makes every completed write durable. */
    void flush() throws BlockException;

    /** Changes the virtual size; shrinking is refused where data would be lost unless the format allows it. */
    void resize(long newSize) throws BlockException;

    /** What backs the range starting at {@code offset}: the answer covers at most {@code maxLength} bytes. */
    BlockStatus status(long offset, long maxLength) throws BlockException;

    /** The backing image, or null. */
    BlockImage backing();

    /** Format-specific facts in qemu-img's json names ("compat", "refcount-bits", ...), in display order. */
    Map<String, Object> formatSpecific();

    /** The cluster size, or 0 for formats without clusters. */
    long clusterSize();

    /** True when the image says it was not closed cleanly (qcow2's dirty bit). */
    boolean dirty();

    /**
     * Checks the image's metadata as qemu-img check does; repairs leaked clusters with {@code repairLeaks} and
     * errors too with {@code repairAll}. Formats without metadata refuse.
     */
    CheckResult check(boolean repairLeaks, boolean repairAll) throws BlockException;

    /** The internal snapshots, oldest first (none for formats without them). */
    List<SnapshotInfo> snapshots() throws BlockException;

    /** Creates an internal snapshot of the current disk content named {@code name}. */
    void createSnapshot(String name) throws BlockException;

    /** Makes the disk content that of the snapshot with this id or name. */
    void applySnapshot(String idOrName) throws BlockException;

    /** Deletes the snapshot with this id or name. */
    void deleteSnapshot(String idOrName) throws BlockException;

    /** Records a new backing file name and format (null, null for none) without touching any data. */
    void setBacking(String backingFile, String backingFormat) throws BlockException;

    /**
     * Changes format options in place, as qemu-img amend (for qcow2: compat=0.10|1.1, lazy_refcounts=on|off);
     * refuses options it cannot change.
     */
    void amend(Map<String, String> options) throws BlockException;

    /** Makes the range unallocated here, so that it reads from the backing file again (or as zeros). */
    void deallocate(long offset, long length) throws BlockException;

    /** Closes the image and its backing chain, flushing what is pending and releasing locks. */
    @Override
    void close() throws BlockException;
}
