package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.BlockStatus;
import org.osmium.block.OpenOptions;

/**
 * img rebase [-q] [-p] [-u] [-f fmt] -b backing [-F backing_fmt] filename: points the image at another backing
 * file. Safe mode first copies into the image every cluster whose content would change; -u only rewrites the name.
 */
final class RebaseCommand {
    private RebaseCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "hf:F:b:upt:T:qU", Set.of("object"), Set.of("image-opts", "force-share"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        if (!a.has("b")) {
            throw new UsageException("Must specify backing file (-b) or use unsafe mode (-u)");
        }
        String name = a.positional().getFirst();
        String backing = a.get("b", null);
        String newBacking = backing.isEmpty() ? null : backing;
        String backingFormat = a.get("F", null);
        boolean unsafe = a.has("u");
        OpenOptions options = OpenOptions.forWriting().withFormat(a.get("f", null));
        if (unsafe) {
            options = options.withoutBacking();
        }
        try (BlockImage image = BlockImages.open(ImageArgs.path(a, name), options)) {
            if (newBacking != null && backingFormat == null) {
                backingFormat = BlockImages.probe(BlockImages.resolveBacking(image.path(), newBacking));
            }
            if (!unsafe) {
                copyChangedClusters(image, newBacking, backingFormat, a.has("p") && !a.has("q"), out);
            }
            image.setBacking(newBacking, backingFormat);
        }
        return 0;
    }

    private static void copyChangedClusters(BlockImage image, String newBacking, String format, boolean progress,
                                            PrintStream out) throws BlockException {
        BlockImage target = null;
        try {
            if (newBacking != null) {
                target = BlockImages.open(BlockImages.resolveBacking(image.path(), newBacking),
                        OpenOptions.forReading().withFormat(format).sharingWrite());
            }
            int unit = (int) Math.max(65536, image.clusterSize());
            byte[] current = new byte[unit];
            byte[] replacement = new byte[unit];
            Progress bar = new Progress(out, progress, image.size());
            for (long at = 0; at < image.size(); ) {
                int n = (int) Math.min(unit, image.size() - at);
                BlockStatus s = image.status(at, n);
                if (s.allocatedHere()) {
                    at += s.length();
                    bar.advance(s.length());
                    continue;
                }
                n = (int) s.length();
                image.read(at, current, 0, n);
                Arrays.fill(replacement, 0, n, (byte) 0);
                if (target != null && at < target.size()) {
                    target.read(at, replacement, 0, (int) Math.min(n, target.size() - at));
                }
                if (Arrays.mismatch(current, 0, n, replacement, 0, n) >= 0) {
                    image.write(at, current, 0, n);
                }
                at += n;
                bar.advance(n);
            }
            bar.done();
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
