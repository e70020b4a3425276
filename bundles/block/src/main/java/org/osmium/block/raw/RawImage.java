package org.osmium.block.raw;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;
import org.osmium.block.CheckResult;
import org.osmium.block.SnapshotInfo;
import org.osmium.block.file.ImageFile;

/** A raw image: virtual offset N is file offset N. */
public final class RawImage implements BlockImage {
    private static final int ZERO_CHUNK = 1 << 20;
    private final ImageFile file;
    private long size;

    public RawImage(ImageFile file) throws BlockException {
        this.file = file;
        this.size = file.length();
    }

    /** Creates a raw image of {@code size} bytes: sparse ("off"), reserved ("falloc") or written ("full"). */
    public static void create(ImageFile file, long size, String preallocation) throws BlockException {
        file.setLength(0);
        switch (preallocation) {
            case "off" -> file.setLength(size);
            case "falloc" -> {
                file.reserve(0, size);
                file.setLength(size);
            }
            case "full" -> {
                byte[] zeros = new byte[(int) Math.min(size, ZERO_CHUNK)];
                for (long done = 0; done < size; done += zeros.length) {
                    file.write(done, zeros, 0, (int) Math.min(zeros.length, size - done));
                }
            }
            default -> throw new BlockException(file.path() + ": invalid preallocation mode '" + preallocation
                    + "' for raw (off, falloc or full)");
        }
    }

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public String format() {
        return "raw";
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return file.readOnly();
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        checkRange(offset, length);
        file.read(offset, buffer, bufferOffset, length);
    }

    @Override
    public void write(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        checkRange(offset, length);
        file.write(offset, buffer, bufferOffset, length);
    }

    @Override
    public void writeCompressed(long offset, byte[] buffer, int bufferOffset, int length) throws BlockException {
        throw new BlockException(file.path() + ": the raw format does not support compression");
    }

    @Override
    public void writeZeroes(long offset, long length) throws BlockException {
        checkRange(offset, length);
        if (file.punchHole(offset, length)) {
            return;
        }
        byte[] zeros = new byte[(int) Math.min(ZERO_CHUNK, length)];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(zeros.length, length - done);
            file.write(offset + done, zeros, 0, n);
            done += n;
        }
    }

    @Override
    public void discard(long offset, long length) throws BlockException {
        checkRange(offset, length);
        file.punchHole(offset, length);
    }

    @Override
    public void flush() throws BlockException {
        file.sync();
    }

    @Override
    public void resize(long newSize) throws BlockException {
        if (newSize < 0) {
            throw new BlockException(file.path() + ": negative size " + newSize);
        }
        file.setLength(newSize);
        size = newSize;
    }

    @Override
    public BlockStatus status(long offset, long maxLength) throws BlockException {
        long extent = file.extentAt(offset, Math.min(maxLength, size - offset));
        boolean hole = extent < 0;
        return new BlockStatus(offset, Math.abs(extent), !hole, hole, true, 0, offset, false, file.path().toString());
    }

    @Override
    public BlockImage backing() {
        return null;
    }

    @Override
    public Map<String, Object> formatSpecific() {
        return Map.of();
    }

    @Override
    public long clusterSize() {
        return 0;
    }

    @Override
    public boolean dirty() {
        return false;
    }

    @Override
    public CheckResult check(boolean repairLeaks, boolean repairAll) throws BlockException {
        throw new BlockException(file.path() + ": this image format does not support checks");
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        return List.of();
    }

    @Override
    public void createSnapshot(String name) throws BlockException {
        throw noSnapshots();
    }

    @Override
    public void applySnapshot(String idOrName) throws BlockException {
        throw noSnapshots();
    }

    @Override
    public void deleteSnapshot(String idOrName) throws BlockException {
        throw noSnapshots();
    }

    private BlockException noSnapshots() {
        return new BlockException(file.path() + ": raw images have no internal snapshots");
    }

    @Override
    public void setBacking(String backingFile, String backingFormat) throws BlockException {
        throw new BlockException(file.path() + ": raw images cannot have a backing file");
    }

    @Override
    public void amend(Map<String, String> options) throws BlockException {
        throw new BlockException(file.path() + ": the raw format has no options to amend");
    }

    @Override
    public void deallocate(long offset, long length) throws BlockException {
        writeZeroes(offset, length);
    }

    @Override
    public void close() throws BlockException {
        file.close();
    }

    private void checkRange(long offset, long length) throws BlockException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new BlockException(file.path() + ": request at offset " + offset + " length " + length
                    + " is outside the image (size " + size + ")");
        }
    }
}
