package org.osmium.block.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.osmium.block.BlockException;

/**
 * QEMU's image locking, done the same way so the two tools see each other: an open file description holds
 * fcntl OFD read locks on byte 100+bit for each permission it uses and 200+bit for each it refuses to share.
 * Permissions: bit 0 consistent read, bit 1 write, bit 3 resize.
 */
public final class OfdLock implements AutoCloseable {
    private static final int PERM_BASE = 100;
    private static final int SHARED_BASE = 200;
    private static final int CONSISTENT_READ = 0;
    private static final int WRITE = 1;
    private static final int RESIZE = 3;
    private static final int F_OFD_GETLK = 36;
    private static final int F_OFD_SETLK = 37;
    private static final short F_RDLCK = 0;
    private static final short F_WRLCK = 1;
    private static final short F_UNLCK = 2;
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final long FLOCK_SIZE = 32;

    private static final MethodHandle OPEN;
    private static final MethodHandle FCNTL;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        FCNTL = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private final int fd;

    private OfdLock(int fd) {
        this.fd = fd;
    }

    /**
     * Locks {@code path} for reading, or for writing too, refusing if another process or open holds a conflicting
     * lock. With {@code shareWrite} a reader tolerates writers (qemu-img -U).
     */
    public static OfdLock acquire(Path path, boolean write, boolean shareWrite) throws BlockException {
        int fd = openDescriptor(path, write);
        OfdLock lock = new OfdLock(fd);
        try {
            int[] perms = write ? new int[] {CONSISTENT_READ, WRITE, RESIZE} : new int[] {CONSISTENT_READ};
            int[] unshared = shareWrite ? new int[0] : new int[] {WRITE, RESIZE};
            for (int bit : perms) {
                if (lock.heldByOther(SHARED_BASE + bit)) {
                    throw conflict(path, bit, write);
                }
            }
            for (int bit : unshared) {
                if (lock.heldByOther(PERM_BASE + bit)) {
                    throw conflict(path, bit, write);
                }
            }
            for (int bit : perms) {
                lock.readLock(PERM_BASE + bit);
            }
            for (int bit : unshared) {
                lock.readLock(SHARED_BASE + bit);
            }
            return lock;
        } catch (BlockException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static BlockException conflict(Path path, int bit, boolean write) {
        String perm = bit == WRITE ? "write" : bit == RESIZE ? "resize" : "consistent read";
        return new BlockException(path + ": failed to get " + (write ? "\"" : "shared \"") + perm
                + "\" lock: is another process using the image?");
    }

    private static int openDescriptor(Path path, boolean write) throws BlockException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(path.toString()), (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
            if (fd < 0) {
                throw new BlockException(path + ": could not open for locking");
            }
            return fd;
        } catch (BlockException e) {
            throw e;
        } catch (Throwable t) {
            throw new BlockException(path + ": could not open for locking: " + t.getMessage(), t);
        }
    }

    private boolean heldByOther(int offset) throws BlockException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flock = flock(arena, F_WRLCK, offset);
            if ((int) FCNTL.invokeExact(fd, F_OFD_GETLK, flock) != 0) {
                throw new BlockException("fcntl(F_OFD_GETLK) failed");
            }
            return flock.get(ValueLayout.JAVA_SHORT, 0) != F_UNLCK;
        } catch (BlockException e) {
            throw e;
        } catch (Throwable t) {
            throw new BlockException("fcntl(F_OFD_GETLK) failed: " + t.getMessage(), t);
        }
    }

    private void readLock(int offset) throws BlockException {
        try (Arena arena = Arena.ofConfined()) {
            if ((int) FCNTL.invokeExact(fd, F_OFD_SETLK, flock(arena, F_RDLCK, offset)) != 0) {
                throw new BlockException("fcntl(F_OFD_SETLK) failed at lock byte " + offset);
            }
        } catch (BlockException e) {
            throw e;
        } catch (Throwable t) {
            throw new BlockException("fcntl(F_OFD_SETLK) failed: " + t.getMessage(), t);
        }
    }

    private static MemorySegment flock(Arena arena, short type, long start) {
        MemorySegment flock = arena.allocate(FLOCK_SIZE, 8);
        flock.set(ValueLayout.JAVA_SHORT, 0, type);
        flock.set(ValueLayout.JAVA_SHORT, 2, (short) 0);
        flock.set(ValueLayout.JAVA_LONG, 8, start);
        flock.set(ValueLayout.JAVA_LONG, 16, 1);
        return flock;
    }

    /** The descriptor holding the locks (read-write for writers), for hole queries and space allocation. */
    int descriptor() {
        return fd;
    }

    /** Releases the locks (closing the descriptor drops them). */
    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(" + fd + ") failed", t);
        }
    }
}
