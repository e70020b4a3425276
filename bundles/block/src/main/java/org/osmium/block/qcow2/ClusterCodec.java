package org.osmium.block.qcow2;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.osmium.block.BlockException;

/** Compressed clusters both ways: raw deflate (QEMU's zlib type, 4 KiB window) or a zstd frame. */
final class ClusterCodec {
    static final int ZSTD = 1;
    private final String fileName;
    private final int type;
    private final Inflater inflater = new Inflater(true);
    private final RawDeflate deflate = new RawDeflate();

    ClusterCodec(String fileName, int type) {
        this.fileName = fileName;
        this.type = type;
    }

    /** Decompresses {@code in} into exactly {@code out.length} bytes. */
    void decompress(byte[] in, int inLength, byte[] out, long guestOffset) throws BlockException {
        int done;
        if (type == ZSTD) {
            requireZstd();
            done = Zstd.decompress(in, inLength, out);
        } else {
            done = inflate(in, inLength, out, guestOffset);
        }
        if (done != out.length) {
            throw new BlockException(fileName + ": compressed cluster at guest offset " + guestOffset
                    + (done < 0 ? " is damaged" : " decompresses to " + done + " bytes instead of " + out.length));
        }
    }

    private int inflate(byte[] in, int inLength, byte[] out, long guestOffset) throws BlockException {
        inflater.reset();
        inflater.setInput(in, 0, inLength);
        try {
            int done = 0;
            while (done < out.length) {
                int n = inflater.inflate(out, done, out.length - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += n;
            }
            return done;
        } catch (DataFormatException e) {
            throw new BlockException(fileName + ": compressed cluster at guest offset " + guestOffset
                    + " is damaged: " + e.getMessage());
        }
    }

    /** Compresses {@code in} into {@code out}; returns the length, or -1 when it would not be below {@code limit}. */
    int compress(byte[] in, byte[] out, int limit) throws BlockException {
        if (type == ZSTD) {
            requireZstd();
            return Zstd.compress(in, out, limit);
        }
        return deflate.compress(in, out, limit);
    }

    private void requireZstd() throws BlockException {
        if (Zstd.unavailable() != null) {
            throw new BlockException(fileName + ": zstd-compressed image, but " + Zstd.unavailable());
        }
    }
}
