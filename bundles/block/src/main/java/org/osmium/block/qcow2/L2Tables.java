package org.osmium.block.qcow2;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/** A cache of L2 tables keyed by host offset; entries are changed in memory and written through at once. */
final class L2Tables {
    private final ImageFile file;
    private final int clusterSize;
    private final Map<Long, long[]> cache;
    private final ByteBuffer io;
    private long lastOffset = -1;
    private long[] lastTable;

    L2Tables(ImageFile file, int clusterSize, int capacity) {
        this.file = file;
        this.clusterSize = clusterSize;
        this.io = ByteBuffer.allocate(clusterSize);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The L2 table at host offset {@code offset}, as words (two per entry with extended L2 entries). */
    long[] get(long offset) throws BlockException {
        if (offset == lastOffset) {
            return lastTable;
        }
        long[] table = cache.get(offset);
        if (table == null) {
            if (offset >= file.length()) {
                throw new BlockException(file.path() + ": L2 table at 0x" + Long.toHexString(offset)
                        + " lies past the end of the file");
            }
            io.clear();
            file.read(offset, io);
            io.flip();
            table = new long[clusterSize / 8];
            io.asLongBuffer().get(table);
            cache.put(offset, table);
        }
        lastOffset = offset;
        lastTable = table;
        return table;
    }

    /** Installs a table that was just built in memory and writes it whole at {@code offset}. */
    void create(long offset, long[] table) throws BlockException {
        io.clear();
        io.asLongBuffer().put(table);
        file.write(offset, io);
        cache.put(offset, table);
        lastOffset = offset;
        lastTable = table;
    }

    /** Writes words {@code from} (inclusive) to {@code to} (exclusive) of the cached table at {@code offset}. */
    void writeThrough(long offset, long[] table, int from, int to) throws BlockException {
        io.clear();
        io.asLongBuffer().put(table, from, to - from);
        io.limit((to - from) * 8);
        file.write(offset + 8L * from, io);
    }
}
