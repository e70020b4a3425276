package org.osmium.block.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.osmium.block.BlockException;

/** The host disk space a file occupies (stat's st_blocks * 512), as qemu-img's "disk size". */
public final class DiskUsage {
    private static final long STAT_SIZE = 144;
    private static final long ST_BLOCKS = 64;
    private static final MethodHandle STAT;

    static {
        Linker linker = Linker.nativeLinker();
        STAT = linker.downcallHandle(linker.defaultLookup().find("stat").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private DiskUsage() {
    }

    /** The bytes allocated to {@code path} on the host disk. */
    public static long allocatedBytes(Path path) throws BlockException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(STAT_SIZE, 8);
            if ((int) STAT.invokeExact(arena.allocateFrom(path.toString()), stat) != 0) {
                throw new BlockException(path + ": cannot stat");
            }
            return stat.get(ValueLayout.JAVA_LONG, ST_BLOCKS) * 512;
        } catch (BlockException e) {
            throw e;
        } catch (Throwable t) {
            throw new BlockException(path + ": cannot stat: " + t.getMessage(), t);
        }
    }
}
