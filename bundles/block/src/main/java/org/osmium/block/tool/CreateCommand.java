package org.osmium.block.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.ByteSizes;
import org.osmium.block.OpenOptions;

/** img create [-q] [-f fmt] [-b backing [-F backing_fmt]] [-u] [-o options] filename [size]. */
final class CreateCommand {
    private CreateCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "qf:b:F:uo:", Set.of("object"), Set.of());
        if (a.positional().isEmpty() || a.positional().size() > 2) {
            throw new UsageException("Expecting image file name");
        }
        String format = a.get("f", "raw");
        Path path = Path.of(a.positional().getFirst());
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : a.all("o")) {
            options.putAll(ImageArgs.options(o));
        }
        if (a.has("b")) {
            options.put("backing_file", a.get("b", null));
        }
        if (a.has("F")) {
            options.put("backing_fmt", a.get("F", null));
        }
        long size = -1;
        if (a.positional().size() == 2) {
            size = ByteSizes.parse(a.positional().get(1), "image size");
        }
        String backing = options.get("backing_file");
        if (backing != null && !a.has("u")) {
            Path backingPath = BlockImages.resolveBacking(path, backing);
            OpenOptions backingOptions = OpenOptions.forReading().withFormat(options.get("backing_fmt"))
                    .withoutBacking().sharingWrite();
            try (BlockImage image = BlockImages.open(backingPath, backingOptions)) {
                if (size < 0) {
                    size = image.size();
                }
                options.putIfAbsent("backing_fmt", image.format());
            } catch (BlockException e) {
                throw new BlockException(path + ": could not open backing file: " + e.getMessage());
            }
        }
        if (size < 0) {
            throw new BlockException(path + ": image creation needs a size parameter");
        }
        if (!a.has("q")) {
            out.println("Formatting '" + path + "', fmt=" + format + describe(format, size, options));
        }
        BlockImages.create(path, format, size, options, ImageArgs.secrets(a));
        return 0;
    }

    /** The option list qemu-img prints after "Formatting", in its order. */
    private static String describe(String format, long size, Map<String, String> options) throws BlockException {
        StringBuilder s = new StringBuilder();
        if (format.equals("qcow2")) {
            for (String key : new String[] {"encrypt.format", "encrypt.key-secret", "encrypt.iter-time"}) {
                appendIf(s, options, key);
            }
            s.append(" cluster_size=").append(ByteSizes.parse(options.getOrDefault("cluster_size", "64k"),
                    "option cluster_size"));
            s.append(" extended_l2=").append(options.getOrDefault("extended_l2", "off"));
            s.append(" compression_type=").append(options.getOrDefault("compression_type", "zlib"));
            s.append(" size=").append(size);
            appendIf(s, options, "backing_file");
            appendIf(s, options, "backing_fmt");
            appendIf(s, options, "compat");
            appendIf(s, options, "preallocation");
            s.append(" lazy_refcounts=").append(options.getOrDefault("lazy_refcounts", "off"));
            s.append(" refcount_bits=").append(options.getOrDefault("refcount_bits", "16"));
        } else {
            s.append(" size=").append(size);
            appendIf(s, options, "preallocation");
        }
        return s.toString();
    }

    private static void appendIf(StringBuilder s, Map<String, String> options, String key) {
        if (options.containsKey(key)) {
            s.append(' ').append(key).append('=').append(options.get(key));
        }
    }
}
