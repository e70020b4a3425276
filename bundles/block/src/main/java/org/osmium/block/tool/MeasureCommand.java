package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockStatus;
import org.osmium.block.ByteSizes;
import org.osmium.block.qcow2.Qcow2Measure;

/** img measure [--output=human|json] [-O fmt] [-o options] [--size N | [-f fmt] filename]. */
final class MeasureCommand {
    private MeasureCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "f:O:o:l:U", Set.of("output", "object", "size"),
                Set.of("image-opts", "force-share"));
        boolean json = Output.json(a);
        if (a.has("size") == (a.positional().size() == 1) || a.positional().size() > 1) {
            throw new UsageException("Either --size N or one filename must be specified.");
        }
        String format = a.get("O", "raw");
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : a.all("o")) {
            options.putAll(ImageArgs.options(o));
        }
        long size;
        long dataBytes;
        int clusterSize = (int) ByteSizes.parse(options.getOrDefault("cluster_size", "64k"), "option cluster_size");
        if (a.has("size")) {
            size = ByteSizes.parse(a.get("size", "0"), "size");
            dataBytes = 0;
        } else {
            try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), true)) {
                size = image.size();
                dataBytes = allocatedBytes(image, clusterSize);
            }
        }
        long required;
        long fully;
        switch (format) {
            case "raw" -> {
                required = size;
                fully = size;
            }
            case "qcow2" -> {
                int refcountBits = Integer.parseInt(options.getOrDefault("refcount_bits", "16"));
                boolean extended = options.getOrDefault("extended_l2", "off").equals("on");
                fully = Qcow2Measure.fullyAllocated(size, clusterSize, refcountBits, extended);
                long aligned = (size + clusterSize - 1) / clusterSize * clusterSize;
                required = fully - aligned + dataBytes;
            }
            default -> throw new BlockException("unknown output format '" + format + "'");
        }
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            if (format.equals("qcow2") && !a.has("size")) {
                map.put("bitmaps", 0);
            }
            map.put("required", required);
            map.put("fully-allocated", fully);
            out.println(Json.pretty(map));
        } else {
            out.println("required size: " + required);
            out.println("fully allocated size: " + fully);
            if (format.equals("qcow2") && !a.has("size")) {
                out.println("bitmaps size: 0");
            }
        }
        return 0;
    }

    /** Bytes of data clusters a copy of {@code image} needs: regions with data, widened to whole clusters. */
    private static long allocatedBytes(BlockImage image, int clusterSize) throws BlockException {
        long required = 0;
        for (long at = 0; at < image.size(); ) {
            BlockStatus s = image.status(at, image.size() - at);
            long n = s.length();
            if (!s.zero() && s.data() && s.present()) {
                n = (at + n + clusterSize - 1) / clusterSize * clusterSize - at;
                required += at % clusterSize + n;
            }
            at += Math.max(n, s.length());
        }
        return required;
    }
}
