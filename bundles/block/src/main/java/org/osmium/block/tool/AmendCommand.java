package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;

/** img amend [-q] [-f fmt] -o options filename: changes format options in place (qcow2 compat, lazy_refcounts). */
final class AmendCommand {
    private AmendCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "ho:f:t:pq", Set.of("object"), Set.of("image-opts", "force"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        if (!a.has("o")) {
            throw new UsageException("Must specify options (-o)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : a.all("o")) {
            options.putAll(ImageArgs.options(o));
        }
        try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), false)) {
            image.amend(options);
        }
        return 0;
    }
}
