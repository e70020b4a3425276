package org.osmium.block.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.BlockStatus;
import org.osmium.block.ByteSizes;
import org.osmium.block.OpenOptions;

/**
 * img convert [-f fmt] [-O fmt] [-o options] [-B backing [-F fmt]] [-n] [-p] [-q] [-S sparse] [-U] src... dst:
 * copies the sources, one after the other, into a new image, leaving holes where the source reads as zeros; with
 * -B only what the source's top layer allocates is copied, the rest comes from the new backing file.
 */
final class ConvertCommand {
    private static final int CHUNK = 2 << 20;

    private ConvertCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "hf:O:B:F:Cco:l:S:pt:T:qnm:WUr:",
                Set.of("object", "target-image-opts", "salvage", "bitmaps"),
                Set.of("image-opts", "target-is-zero", "force-share", "skip-broken-bitmaps"));
        if (a.positional().size() < 2) {
            throw new UsageException("Expecting image file name");
        }
        List<String> names = a.positional();
        Path target = Path.of(names.getLast());
        String outFormat = a.get("O", "raw");
        long sparse = ByteSizes.parse(a.get("S", "4k"), "sparse size (-S)");
        if (sparse != 0 && (sparse < 512 || sparse % 512 != 0)) {
            throw new UsageException("Invalid buffer size for sparse output specified. Valid sizes are multiples of "
                    + "512 up to 16M.");
        }
        boolean progress = a.has("p") && !a.has("q");
        List<BlockImage> sources = new ArrayList<>();
        try {
            long total = 0;
            for (String name : names.subList(0, names.size() - 1)) {
                BlockImage source = ImageArgs.open(a, name, a.get("f", null), true);
                sources.add(source);
                total += source.size();
            }
            boolean fresh = !a.has("n");
            if (fresh) {
                Map<String, String> options = new LinkedHashMap<>();
                for (String o : a.all("o")) {
                    options.putAll(ImageArgs.options(o));
                }
                if (a.has("B")) {
                    options.put("backing_file", a.get("B", null));
                    if (a.has("F")) {
                        options.put("backing_fmt", a.get("F", null));
                    }
                }
                BlockImages.create(target, outFormat, total, options, ImageArgs.secrets(a));
            }
            String targetSecret = null;
            for (String o : a.all("o")) {
                targetSecret = ImageArgs.options(o).getOrDefault("encrypt.key-secret", targetSecret);
            }
            OpenOptions targetOptions = OpenOptions.forWriting().withFormat(outFormat)
                    .withPassphrase(ImageArgs.passphrase(a, targetSecret));
            try (BlockImage destination = BlockImages.open(target, targetOptions)) {
                boolean mustZero = !fresh || destination.backing() != null;
                boolean compress = a.has("c");
                if (compress && destination.clusterSize() == 0) {
                    throw new BlockException(target + ": the " + outFormat + " format does not support compression");
                }
                Progress bar = new Progress(out, progress, total);
                long base = 0;
                for (BlockImage source : sources) {
                    if (compress) {
                        copyCompressed(source, destination, base, bar);
                    } else {
                        copy(source, destination, base, sparse, mustZero, bar);
                    }
                    base += source.size();
                }
                destination.flush();
                bar.done();
            }
        } finally {
            for (BlockImage source : sources) {
                source.close();
            }
        }
        return 0;
    }

    private static void copy(BlockImage source, BlockImage destination, long base, long sparse, boolean mustZero,
                             Progress bar) throws BlockException {
        byte[] buffer = new byte[CHUNK];
        long size = source.size();
        for (long at = 0; at < size; ) {
            BlockStatus s = source.status(at, Math.min(CHUNK, size - at));
            int n = (int) s.length();
            if (destination.backing() != null && !s.allocatedHere()) {
                at += n;
                bar.advance(n);
                continue;
            }
            if (s.zero() && !s.data()) {
                if (mustZero) {
                    destination.writeZeroes(base + at, n);
                }
            } else {
                source.read(at, buffer, 0, n);
                writeSparse(destination, base + at, buffer, n, sparse, mustZero);
            }
            at += n;
            bar.advance(n);
        }
    }

    /** Copies cluster by cluster, compressing each cluster that is not all zeros. */
    private static void copyCompressed(BlockImage source, BlockImage destination, long base, Progress bar)
            throws BlockException {
        int clusterSize = (int) destination.clusterSize();
        if (base % clusterSize != 0) {
            throw new BlockException(destination.path() + ": compressed output needs each source to start on a "
                    + "cluster boundary");
        }
        byte[] cluster = new byte[clusterSize];
        long size = source.size();
        for (long at = 0; at < size; ) {
            int n = (int) Math.min(clusterSize, size - at);
            BlockStatus s = source.status(at, n);
            if (s.zero() && !s.data() && s.length() >= n) {
                at += n;
                bar.advance(n);
                continue;
            }
            source.read(at, cluster, 0, n);
            if (!allZero(cluster, 0, n)) {
                destination.writeCompressed(base + at, cluster, 0, n);
            }
            at += n;
            bar.advance(n);
        }
    }

    /** Writes {@code buffer[0, n)}, skipping blocks of {@code sparse} bytes that are all zero (unless sparse is 0). */
    private static void writeSparse(BlockImage destination, long offset, byte[] buffer, int n, long sparse,
                                    boolean mustZero) throws BlockException {
        if (sparse == 0) {
            destination.write(offset, buffer, 0, n);
            return;
        }
        int runStart = 0;
        boolean runZero = false;
        for (int at = 0; at < n; ) {
            int block = (int) Math.min(sparse - ((offset + at) % sparse), n - at);
            boolean zero = allZero(buffer, at, block);
            if (at > runStart && zero != runZero) {
                flushRun(destination, offset, buffer, runStart, at, runZero, mustZero);
                runStart = at;
            }
            runZero = zero;
            at += block;
        }
        flushRun(destination, offset, buffer, runStart, n, runZero, mustZero);
    }

    private static void flushRun(BlockImage destination, long offset, byte[] buffer, int from, int to, boolean zero,
                                 boolean mustZero) throws BlockException {
        if (to <= from) {
            return;
        }
        if (!zero) {
            destination.write(offset + from, buffer, from, to - from);
        } else if (mustZero) {
            destination.writeZeroes(offset + from, to - from);
        }
    }

    private static boolean allZero(byte[] buffer, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (buffer[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
