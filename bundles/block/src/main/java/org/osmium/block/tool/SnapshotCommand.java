package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;

/** img snapshot [-q] [-U] [-l | -c name | -a name | -d name] filename. */
final class SnapshotCommand {
    private SnapshotCommand() {
    }

    @SuppressWarnings("unchecked")
    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "la:c:d:hqU", Set.of("object"), Set.of("image-opts", "force-share"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        int actions = (a.has("l") ? 1 : 0) + (a.has("a") ? 1 : 0) + (a.has("c") ? 1 : 0) + (a.has("d") ? 1 : 0);
        if (actions > 1) {
            throw new UsageException("Cannot mix '-l', '-a', '-c', '-d'");
        }
        boolean list = actions == 0 || a.has("l");
        try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), list)) {
            if (list) {
                Map<String, Object> info = InfoCommand.describe(image, a.positional().getFirst());
                if (info.containsKey("snapshots")) {
                    out.println("Snapshot list:");
                    InfoCommand.printSnapshots((List<Object>) info.get("snapshots"), out);
                }
            } else if (a.has("c")) {
                image.createSnapshot(a.get("c", null));
            } else if (a.has("a")) {
                image.applySnapshot(a.get("a", null));
            } else {
                image.deleteSnapshot(a.get("d", null));
            }
        }
        return 0;
    }
}
