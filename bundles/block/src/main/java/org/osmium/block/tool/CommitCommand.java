package org.osmium.block.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.BlockStatus;
import org.osmium.block.OpenOptions;

/**
 * img commit [-q] [-f fmt] [-b base] [-d] [-p] filename: writes what the image and the layers above the base
 * hold into the base (its backing file by default), then empties the image unless -d.
 */
final class CommitCommand {
    private static final int CHUNK = 2 << 20;

    private CommitCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "f:ht:b:dpqr:", Set.of("object"), Set.of("image-opts"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        String name = a.positional().getFirst();
        Path basePath;
        String baseFormat;
        int baseDepth = 1;
        long total;
        try (BlockImage top = ImageArgs.open(a, name, a.get("f", null), true)) {
            BlockImage base = top.backing();
            if (base == null) {
                throw new BlockException(name + ": image does not have a backing file to commit to");
            }
            if (a.has("b")) {
                Path wanted = Path.of(a.get("b", null)).toAbsolutePath().normalize();
                while (base != null && !base.path().toAbsolutePath().normalize().equals(wanted)) {
                    base = base.backing();
                    baseDepth++;
                }
                if (base == null) {
                    throw new BlockException("Did not find '" + a.get("b", null) + "' in the backing chain of '"
                            + name + "'");
                }
            }
            basePath = base.path();
            baseFormat = base.format();
            total = top.size();
        }
        boolean progress = a.has("p") && !a.has("q");
        OpenOptions shared = OpenOptions.forReading().withFormat(a.get("f", null)).sharingWrite();
        try (BlockImage top = BlockImages.open(ImageArgs.path(a, name), shared);
             BlockImage base = BlockImages.open(basePath, OpenOptions.forWriting().withFormat(baseFormat)
                     .withoutBacking())) {
            if (base.size() < top.size()) {
                base.resize(top.size());
            }
            Progress bar = new Progress(out, progress, total);
            byte[] buffer = new byte[CHUNK];
            for (long at = 0; at < total; ) {
                BlockStatus s = top.status(at, Math.min(CHUNK, total - at));
                int n = (int) s.length();
                if (s.present() && s.depth() < baseDepth) {
                    if (s.zero() && !s.data()) {
                        base.writeZeroes(at, n);
                    } else {
                        top.read(at, buffer, 0, n);
                        base.write(at, buffer, 0, n);
                    }
                }
                at += n;
                bar.advance(n);
            }
            base.flush();
            bar.done();
        }
        if (!a.has("d")) {
            try (BlockImage top = BlockImages.open(ImageArgs.path(a, name),
                    OpenOptions.forWriting().withFormat(a.get("f", null)).withoutBacking())) {
                top.deallocate(0, top.size());
                top.flush();
            }
        }
        if (!a.has("q")) {
            out.println("Image committed.");
        }
        return 0;
    }
}
