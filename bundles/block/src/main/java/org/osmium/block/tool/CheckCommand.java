package org.osmium.block.tool;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.CheckResult;

/**
 * img check [-q] [-f fmt] [--output=human|json] [-r leaks|all] [-U] filename. Exit status as qemu-img's: 0 clean,
 * 1 check failed, 2 corruptions, 3 leaks only, 63 format without checks.
 */
final class CheckCommand {
    static final int FAILED = 1;
    static final int CORRUPT = 2;
    static final int LEAKED = 3;
    static final int UNSUPPORTED = 63;

    private CheckCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Arguments a = Arguments.parse(args, 1, "qf:r:T:U", Set.of("output", "object", "repair"),
                Set.of("image-opts", "force-share"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        boolean json = Output.json(a);
        String repair = a.get("r", a.get("repair", null));
        if (repair != null && !repair.equals("leaks") && !repair.equals("all")) {
            throw new UsageException("Unknown option value for -r (expecting 'leaks' or 'all'): " + repair);
        }
        String name = a.positional().getFirst();
        CheckResult result;
        String format;
        try (BlockImage image = ImageArgs.open(a, name, a.get("f", null), repair == null)) {
            format = image.format();
            if (image.clusterSize() == 0) {
                err.println("img: This image format does not support checks");
                return UNSUPPORTED;
            }
            result = image.check(repair != null, "all".equals(repair));
        } catch (BlockException e) {
            err.println("img: " + e.getMessage());
            return FAILED;
        }
        for (String message : result.messages()) {
            err.println(message);
        }
        if (json) {
            out.println(Json.pretty(toJson(result, name, format)));
        } else if (!a.has("q")) {
            printHuman(result, out);
        }
        if (result.corruptions() > 0) {
            return CORRUPT;
        }
        return result.leaks() > 0 ? LEAKED : 0;
    }

    private static Map<String, Object> toJson(CheckResult r, String name, String format) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (r.imageEndOffset() > 0) {
            map.put("image-end-offset", r.imageEndOffset());
        }
        map.put("total-clusters", r.totalClusters());
        putIfNonZero(map, "corruptions", r.corruptions());
        map.put("check-errors", 0);
        putIfNonZero(map, "leaks", r.leaks());
        putIfNonZero(map, "corruptions-fixed", r.corruptionsFixed());
        putIfNonZero(map, "leaks-fixed", r.leaksFixed());
        putIfNonZero(map, "allocated-clusters", r.allocatedClusters());
        putIfNonZero(map, "fragmented-clusters", r.fragmentedClusters());
        putIfNonZero(map, "compressed-clusters", r.compressedClusters());
        map.put("filename", name);
        map.put("format", format);
        return map;
    }

    private static void putIfNonZero(Map<String, Object> map, String key, long value) {
        if (value != 0) {
            map.put(key, value);
        }
    }

    /** Two decimals rounded as C's printf rounds the exact binary value (ties to even). */
    private static String percent(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void printHuman(CheckResult r, PrintStream out) {
        if (r.corruptionsFixed() > 0 || r.leaksFixed() > 0) {
            out.println("The following inconsistencies were found and repaired:\n\n    " + r.leaksFixed()
                    + " leaked clusters\n    " + r.corruptionsFixed() + " corruptions\n\n"
                    + "Double checking the fixed image now...");
        }
        if (r.corruptions() == 0 && r.leaks() == 0) {
            out.println("No errors were found on the image.");
        } else {
            if (r.corruptions() > 0) {
                out.println("\n" + r.corruptions() + " errors were found on the image.\n"
                        + "Data may be corrupted, or further writes to the image may corrupt it.");
            }
            if (r.leaks() > 0) {
                out.println("\n" + r.leaks() + " leaked clusters were found on the image.\n"
                        + "This means waste of disk space, but no harm to data.");
            }
        }
        if (r.totalClusters() > 0 && r.allocatedClusters() > 0) {
            double total = r.totalClusters();
            out.println(r.allocatedClusters() + "/" + r.totalClusters() + " = "
                    + percent(100 * r.allocatedClusters() / total) + "% allocated, "
                    + percent(100.0 * r.fragmentedClusters() / r.allocatedClusters()) + "% fragmented, "
                    + percent(100.0 * r.compressedClusters() / r.allocatedClusters()) + "% compressed clusters");
        }
        if (r.imageEndOffset() > 0) {
            out.println("Image end offset: " + r.imageEndOffset());
        }
    }
}
