package org.osmium.block.tool;

/** The --output=human|json choice qemu-img commands share. */
final class Output {
    private Output() {
    }

    /** True for --output=json; refuses anything but human or json. */
    static boolean json(Arguments a) throws UsageException {
        String output = a.get("output", "human");
        return switch (output) {
            case "json" -> true;
            case "human" -> false;
            default -> throw new UsageException("--output must be used with human or json as argument.");
        };
    }
}
