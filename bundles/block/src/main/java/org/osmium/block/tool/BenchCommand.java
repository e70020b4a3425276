package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.ByteSizes;

/**
 * img bench [-c count] [-d depth] [-f fmt] [--flush-interval=n] [--no-drain] [-o offset] [--pattern=p] [-q]
 * [-s size] [-S step] [-t cache] [-w] [-U] filename: qemu-img bench's request stream, run on one thread.
 */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "hc:d:f:ni:o:qs:S:t:wU",
                Set.of("object", "pattern", "flush-interval"), Set.of("image-opts", "no-drain", "force-share"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        int count = positiveInt(a.get("c", "75000"), "request count");
        int depth = positiveInt(a.get("d", "64"), "queue depth");
        int size = (int) ByteSizes.parse(a.get("s", "4096"), "buffer size");
        long step = a.has("S") ? ByteSizes.parse(a.get("S", "0"), "step size") : size;
        long offset = ByteSizes.parse(a.get("o", "0"), "offset");
        int flushInterval = Integer.parseInt(a.get("flush-interval", "0"));
        int pattern = Integer.parseInt(a.get("pattern", "0"));
        boolean write = a.has("w");
        if (size <= 0 || size > (1 << 30)) {
            throw new UsageException("Invalid buffer size specified");
        }
        if (flushInterval > 0 && !write) {
            throw new UsageException("--flush-interval is only available in write tests");
        }
        try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), !write)) {
            long imageSize = image.size();
            out.println("Sending " + count + " " + (write ? "write" : "read") + " requests, " + size
                    + " bytes each, " + depth + " in parallel (starting at offset " + offset + ", step size " + step
                    + ")");
            if (flushInterval > 0) {
                out.println("Sending flush every " + flushInterval + " requests");
            }
            byte[] buffer = new byte[size];
            Arrays.fill(buffer, (byte) pattern);
            long start = System.nanoTime();
            long at = offset;
            for (int i = 0; i < count; i++) {
                if (at + size > imageSize) {
                    throw new BlockException(image.path() + ": request at offset " + at + " lies past the end "
                            + "of the image");
                }
                if (write) {
                    image.write(at, buffer, 0, size);
                    if (flushInterval > 0 && (i + 1) % flushInterval == 0) {
                        image.flush();
                    }
                } else {
                    image.read(at, buffer, 0, size);
                }
                at += step;
                at = imageSize <= size ? 0 : at % (imageSize - size);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(String.format(Locale.ROOT, "Run completed in %3.3f seconds.", seconds));
        }
        return 0;
    }

    private static int positiveInt(String text, String what) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Invalid " + what + " specified: " + text);
    }
}
