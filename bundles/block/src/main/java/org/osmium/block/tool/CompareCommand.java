package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;

/**
 * img compare [-f fmt] [-F fmt] [-p] [-q] [-s] [-U] filename1 filename2. Exit 0 identical, 1 different, 2 error;
 * the first difference is reported at 512-byte granularity, as qemu-img does.
 */
final class CompareCommand {
    private static final int CHUNK = 1 << 20;
    private static final int SECTOR = 512;

    private CompareCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "f:F:T:pqsU", Set.of("object"), Set.of("image-opts", "force-share"));
        if (a.positional().size() != 2) {
            throw new UsageException("Expecting two image file names");
        }
        boolean quiet = a.has("q");
        boolean strict = a.has("s");
        try (BlockImage first = ImageArgs.open(a, a.positional().get(0), a.get("f", null), true);
             BlockImage second = ImageArgs.open(a, a.positional().get(1), a.get("F", a.get("f", null)), true)) {
            if (strict && first.size() != second.size()) {
                if (!quiet) {
                    out.println("Strict mode: Image size mismatch!");
                }
                return 1;
            }
            long common = Math.min(first.size(), second.size());
            byte[] a1 = new byte[CHUNK];
            byte[] b1 = new byte[CHUNK];
            for (long at = 0; at < common; ) {
                int n = (int) Math.min(CHUNK, common - at);
                if (strict) {
                    long mismatch = statusMismatch(first, second, at, n);
                    if (mismatch >= 0) {
                        if (!quiet) {
                            out.println("Strict mode: Offset " + mismatch + " block status mismatch!");
                        }
                        return 1;
                    }
                }
                first.read(at, a1, 0, n);
                second.read(at, b1, 0, n);
                int diff = Arrays.mismatch(a1, 0, n, b1, 0, n);
                if (diff >= 0) {
                    if (!quiet) {
                        out.println("Content mismatch at offset " + (at + diff / SECTOR * SECTOR) + "!");
                    }
                    return 1;
                }
                at += n;
            }
            if (first.size() != second.size()) {
                if (!quiet) {
                    out.println("Warning: Image size mismatch!");
                }
                BlockImage longer = first.size() > second.size() ? first : second;
                for (long at = common; at < longer.size(); ) {
                    int n = (int) Math.min(CHUNK, longer.size() - at);
                    longer.read(at, a1, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (a1[i] != 0) {
                            if (!quiet) {
                                out.println("Content mismatch at offset " + (at + i / SECTOR * SECTOR) + "!");
                            }
                            return 1;
                        }
                    }
                    at += n;
                }
            }
        }
        if (!quiet) {
            out.println("Images are identical.");
        }
        return 0;
    }

    private static long statusMismatch(BlockImage first, BlockImage second, long offset, int length)
            throws BlockException {
        for (long at = offset; at < offset + length; ) {
            BlockStatus s1 = first.status(at, first.size() - at);
            BlockStatus s2 = second.status(at, second.size() - at);
            boolean end1 = s1.offset() + s1.length() == first.size();
            boolean end2 = s2.offset() + s2.length() == second.size();
            if (s1.present() != s2.present() || s1.data() != s2.data() || s1.zero() != s2.zero() || end1 != end2) {
                return at;
            }
            at += Math.min(s1.length(), s2.length());
        }
        return -1;
    }
}
