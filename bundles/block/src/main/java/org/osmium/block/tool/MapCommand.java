package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;
import org.osmium.block.ByteSizes;

/** img map [-f fmt] [--output=human|json] [--start-offset=N] [--max-length=N] [-U] filename. */
final class MapCommand {
    private MapCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "f:hU", Set.of("output", "object", "start-offset", "max-length"),
                Set.of("image-opts", "force-share"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        boolean json = Output.json(a);
        long start = ByteSizes.parse(a.get("start-offset", "0"), "start offset");
        try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), true)) {
            long end = image.size();
            if (a.has("max-length")) {
                end = Math.min(end, start + ByteSizes.parse(a.get("max-length", "0"), "max length"));
            }
            if (json) {
                out.print('[');
            } else {
                out.println(String.format("%-16s%-16s%-16s%s", "Offset", "Length", "Mapped to", "File"));
            }
            BlockStatus pending = null;
            for (long at = start; at < end; ) {
                BlockStatus s = image.status(at, end - at);
                at += s.length();
                if (pending != null && mergeable(pending, s)) {
                    pending = new BlockStatus(pending.offset(), pending.length() + s.length(), s.data(), s.zero(),
                            s.present(), s.depth(), pending.hostOffset(), s.compressed(), s.file());
                    continue;
                }
                if (pending != null && !print(pending, json, false, out, err)) {
                    return 1;
                }
                pending = s;
            }
            if (pending != null && !print(pending, json, true, out, err)) {
                return 1;
            }
            if (json) {
                out.println(']');
            }
        }
        return 0;
    }

    private static boolean mergeable(BlockStatus a, BlockStatus b) {
        boolean offsetsJoin = a.hostOffset() < 0 && b.hostOffset() < 0
                || a.hostOffset() >= 0 && b.hostOffset() == a.hostOffset() + a.length();
        return a.offset() + a.length() == b.offset() && a.depth() == b.depth() && a.present() == b.present()
                && a.zero() == b.zero() && a.data() == b.data() && a.compressed() == b.compressed()
                && a.file().equals(b.file()) && offsetsJoin && !a.compressed();
    }

    private static boolean print(BlockStatus s, boolean json, boolean last, PrintStream out, PrintStream err) {
        if (json) {
            out.print("{ \"start\": " + s.offset() + ", \"length\": " + s.length() + ", \"depth\": " + s.depth()
                    + ", \"present\": " + s.present() + ", \"zero\": " + s.zero() + ", \"data\": " + s.data()
                    + (s.compressed() ? ", \"compressed\": true" : "")
                    + (s.hostOffset() >= 0 ? ", \"offset\": " + s.hostOffset() : "") + "}");
            if (!last) {
                out.println(",");
            }
            return true;
        }
        if (s.data() && s.hostOffset() < 0) {
            err.println("img: File contains external, encrypted or compressed clusters.");
            return false;
        }
        if (s.data() && !s.zero()) {
            out.println(String.format("%-16s%-16s%-16s%s", hex(s.offset()), hex(s.length()), hex(s.hostOffset()),
                    s.file()));
        }
        return true;
    }

    private static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }
}
