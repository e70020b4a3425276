package org.osmium.block.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.osmium.block.BlockException;
import org.osmium.block.OpenOptions;

/** One image file on the host: positional reads and writes (reads past the end give zeros), held locked. */
public final class ImageFile implements AutoCloseable {
    private static final int BOUNCE_SIZE = 1 << 20;
    private final Path path;
    private final FileChannel channel;
    private final OfdLock lock;
    private final boolean readOnly;
    /** Bounce buffer for byte-array I/O, so the data path allocates nothing per request. */
    private final ByteBuffer bounce = ByteBuffer.allocateDirect(BOUNCE_SIZE);
    /** The file length as this writer left it (a writer holds the lock, so nobody else changes it); -1 if unknown. */
    private long knownLength = -1;

    private ImageFile(Path path, FileChannel channel, OfdLock lock, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.readOnly = readOnly;
    }

    /** Opens and locks {@code path} as the options say. */
    public static ImageFile open(Path path, OpenOptions options) throws BlockException {
        FileChannel channel;
        try {
            channel = options.readOnly() ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new BlockException(path + ": no such file");
        } catch (IOException e) {
            throw new BlockException(path + ": could not open: " + e.getMessage(), e);
        }
        try {
            OfdLock lock = OfdLock.acquire(path, !options.readOnly(), options.shareWrite() && options.readOnly());
            return new ImageFile(path, channel, lock, options.readOnly());
        } catch (BlockException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock failure is the error worth reporting
        }
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** True when opened without write access. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Reads {@code length} bytes at {@code position}; bytes past the end of the file read as zeros. */
    public void read(long position, byte[] buffer, int offset, int length) throws BlockException {
        for (int done = 0; done < length; ) {
            int n = Math.min(BOUNCE_SIZE, length - done);
            bounce.clear().limit(n);
            read(position + done, bounce);
            bounce.get(0, buffer, offset + done, n);
            done += n;
        }
    }

    /** Fills {@code buffer} from {@code position}; bytes past the end of the file read as zeros. */
    public void read(long position, ByteBuffer buffer) throws BlockException {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    while (buffer.hasRemaining()) {
                        buffer.put((byte) 0);
                    }
                    return;
                }
                at += n;
            }
        } catch (IOException e) {
            throw new BlockException(path + ": read error at offset " + position + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code length} bytes at {@code position}. */
    public void write(long position, byte[] buffer, int offset, int length) throws BlockException {
        for (int done = 0; done < length; ) {
            int n = Math.min(BOUNCE_SIZE, length - done);
            bounce.clear().put(0, buffer, offset + done, n).limit(n);
            write(position + done, bounce);
            done += n;
        }
    }

    /** Writes the remaining bytes of {@code buffer} at {@code position}. */
    public void write(long position, ByteBuffer buffer) throws BlockException {
        if (readOnly) {
            throw new BlockException(path + ": write at offset " + position + " to an image opened read-only");
        }
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            if (knownLength >= 0 && at > knownLength) {
                knownLength = at;
            }
        } catch (IOException e) {
            throw new BlockException(path + ": write error at offset " + position + ": " + e.getMessage(), e);
        }
    }

    /** The file length in bytes. */
    public long length() throws BlockException {
        if (knownLength >= 0) {
            return knownLength;
        }
        try {
            long length = channel.size();
            if (!readOnly) {
                knownLength = length;
            }
            return length;
        } catch (IOException e) {
            throw new BlockException(path + ": cannot get file size: " + e.getMessage(), e);
        }
    }

    /** Sets the file length, growing with a hole or cutting the tail. */
    public void setLength(long length) throws BlockException {
        try {
            long current = channel.size();
            if (length < current) {
                channel.truncate(length);
            } else if (length > current && !Holes.truncate(lock.descriptor(), length)) {
                channel.write(ByteBuffer.allocate(1), length - 1);
            }
            knownLength = readOnly ? -1 : length;
        } catch (IOException e) {
            throw new BlockException(path + ": cannot set file size to " + length + ": " + e.getMessage(), e);
        }
    }

    /** Makes every write durable (fdatasync). */
    public void sync() throws BlockException {
        if (readOnly) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new BlockException(path + ": flush failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the file stores data at {@code position} or has a hole there (or ends before it), and for how many
     * bytes from there that stays so, at most {@code maxLength}: positive for data, negative for a hole.
     */
    public long extentAt(long position, long maxLength) throws BlockException {
        return Holes.extentAt(lock.descriptor(), position, maxLength, length());
    }

    /**
     * Reserves zeroed space for [position, position+length) past the current end of the file, as QEMU does for new
     * clusters; a host that cannot simply leaves a hole, which reads as zeros too.
     */
    public void reserve(long position, long length) throws BlockException {
        long end = position + length;
        if (!readOnly && end > length() && Holes.allocate(lock.descriptor(), position, length)) {
            knownLength = Math.max(knownLength, end);
        }
    }

    /** Makes [position, position+length) a hole that reads as zeros; false if the host file system cannot. */
    public boolean punchHole(long position, long length) throws BlockException {
        if (readOnly) {
            throw new BlockException(path + ": cannot deallocate in a file opened read-only");
        }
        return Holes.punch(lock.descriptor(), position, length);
    }

    /** Bytes the file occupies on the host disk (what du says). */
    public long allocatedBytes() throws BlockException {
        return DiskUsage.allocatedBytes(path);
    }

    /** Closes the file and drops its locks. */
    @Override
    public void close() throws BlockException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new BlockException(path + ": close failed: " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }
}
