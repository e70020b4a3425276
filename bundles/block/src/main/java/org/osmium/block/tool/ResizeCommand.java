package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.ByteSizes;

/** img resize [-f fmt] [--preallocation=off] [-q] [--shrink] filename [+|-]size. */
final class ResizeCommand {
    private ResizeCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        String[] normalized = args.clone();
        if (normalized.length > 0 && normalized[normalized.length - 1].startsWith("-")
                && normalized[normalized.length - 1].length() > 1
                && Character.isDigit(normalized[normalized.length - 1].charAt(1))) {
            String[] withSeparator = new String[normalized.length + 1];
            System.arraycopy(normalized, 0, withSeparator, 0, normalized.length - 1);
            withSeparator[normalized.length - 1] = "--";
            withSeparator[normalized.length] = normalized[normalized.length - 1];
            normalized = withSeparator;
        }
        Arguments a = Arguments.parse(normalized, 1, "f:q", Set.of("object", "preallocation"),
                Set.of("shrink", "image-opts"));
        if (a.positional().size() != 2) {
            throw new UsageException("Expecting image file name and size");
        }
        if (!a.get("preallocation", "off").equals("off")) {
            throw new UsageException("Unsupported preallocation mode '" + a.get("preallocation", "") + "'");
        }
        String sizeText = a.positional().get(1);
        try (BlockImage image = ImageArgs.open(a, a.positional().getFirst(), a.get("f", null), false)) {
            long size;
            if (sizeText.startsWith("+")) {
                size = image.size() + ByteSizes.parse(sizeText.substring(1), "size");
            } else if (sizeText.startsWith("-")) {
                size = image.size() - ByteSizes.parse(sizeText.substring(1), "size");
            } else {
                size = ByteSizes.parse(sizeText, "size");
            }
            if (size < 0) {
                throw new BlockException(image.path() + ": new size would be negative");
            }
            if (size < image.size() && !a.has("shrink")) {
                throw new BlockException("Use the --shrink option to perform a shrink operation.");
            }
            if (!image.snapshots().isEmpty() && size != image.size()) {
                throw new BlockException(image.path() + ": can't resize an image which has snapshots");
            }
            image.resize(size);
        }
        if (!a.has("q")) {
            out.println("Image resized.");
        }
        return 0;
    }
}
