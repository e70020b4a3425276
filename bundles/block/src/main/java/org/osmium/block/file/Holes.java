package org.osmium.block.file;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.osmium.block.BlockException;

/**
 * Sparse-file calls QEMU's file driver makes: where the file has data and where holes (lseek SEEK_DATA /
 * SEEK_HOLE), and reserving zeroed space for new clusters (fallocate) so small writes land in allocated extents.
 */
final class Holes {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final MethodHandle LSEEK;
    private static final MethodHandle FALLOCATE;
    private static final MethodHandle FTRUNCATE;

    static {
        Linker linker = Linker.nativeLinker();
        LSEEK = linker.downcallHandle(linker.defaultLookup().find("lseek").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT));
        FALLOCATE = linker.downcallHandle(linker.defaultLookup().find("fallocate").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        FTRUNCATE = linker.downcallHandle(linker.defaultLookup().find("ftruncate").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /** Sets the file length (growing leaves a hole); false if the call failed. */
    static boolean truncate(int fd, long length) {
        try {
            return (int) FTRUNCATE.invokeExact(fd, length) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Deallocates [position, position+length) so it reads as zeros, keeping the size; false if the host cannot. */
    static boolean punch(int fd, long position, long length) {
        try {
            return (int) FALLOCATE.invokeExact(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, position, length) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Allocates zeroed space for [position, position+length), growing the file; false if the host cannot. */
    static boolean allocate(int fd, long position, long length) {
        try {
            return (int) FALLOCATE.invokeExact(fd, 0, position, length) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    private Holes() {
    }

    /** Positive length of data at {@code position}, or negative length of the hole there (past the end: a hole). */
    static long extentAt(int fd, long position, long maxLength, long fileLength) throws BlockException {
        if (position >= fileLength) {
            return -maxLength;
        }
        try {
            long data = (long) LSEEK.invokeExact(fd, position, SEEK_DATA);
            if (data < 0) {
                return -maxLength;
            }
            if (data > position) {
                return -Math.min(maxLength, data - position);
            }
            long hole = (long) LSEEK.invokeExact(fd, position, SEEK_HOLE);
            long end = hole < 0 ? fileLength : hole;
            return Math.min(maxLength, end - position);
        } catch (Throwable t) {
            throw new BlockException("lseek failed: " + t.getMessage(), t);
        }
    }
}
