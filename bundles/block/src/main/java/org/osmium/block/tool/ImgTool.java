package org.osmium.block.tool;

import java.io.PrintStream;
import org.osmium.block.BlockException;

/** The img tool: {@code ./osmium img ARGS...} runs qemu-img's sub-commands with its options and output formats. */
public final class ImgTool {
    private static final String USAGE = """
            usage: img [standard options] command [command options]
            Osmium disk image utility, speaking qemu-img's language

            Command syntax:
              check [-q] [-f fmt] [--output=ofmt] [-r [leaks | all]] [-U] filename
              compare [-f fmt] [-F fmt] [-p] [-q] [-s] [-U] filename1 filename2
              convert [-c] [-p] [-q] [-n] [-f fmt] [-O output_fmt] [-B backing_file [-F backing_fmt]] [-o options] \
            [-S sparse_size] [-U] filename [filename2 [...]] output_filename
              create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] [-o options] filename [size]
              info [-f fmt] [--output=ofmt] [--backing-chain] [-U] filename
              map [-f fmt] [--start-offset=offset] [--max-length=len] [--output=ofmt] [-U] filename
              measure [--output=ofmt] [-O output_fmt] [-o options] [--size N | [-f fmt] filename]
              resize [-f fmt] [-q] [--shrink] filename [+ | -]size
              snapshot [-q] [-U] [-l | -a snapshot | -c snapshot | -d snapshot] filename
              commit [-q] [-f fmt] [-b base] [-d] [-p] filename
              amend [-q] [-f fmt] -o options filename
              bench [-c count] [-d depth] [-f fmt] [--flush-interval=n] [-o offset] [--pattern=p] [-s size] \
            [-S step] [-w] [-U] filename
              rebase [-q] [-p] [-u] [-f fmt] -b backing_file [-F backing_fmt] filename
            """;

    private ImgTool() {
    }

    /** Runs one img command line; returns the exit status qemu-img would. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("img: Not enough arguments\nTry 'img --help' for more information");
            return 1;
        }
        String command = args[0];
        try {
            return switch (command) {
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                case "-V", "--version" -> {
                    out.println("img (Osmium) 0.1.0, qemu-img compatible");
                    yield 0;
                }
                case "create" -> CreateCommand.run(args, out);
                case "info" -> InfoCommand.run(args, out);
                case "check" -> CheckCommand.run(args, out, err);
                case "convert" -> ConvertCommand.run(args, out);
                case "map" -> MapCommand.run(args, out, err);
                case "compare" -> compare(args, out, err);
                case "resize" -> ResizeCommand.run(args, out);
                case "measure" -> MeasureCommand.run(args, out);
                case "snapshot" -> SnapshotCommand.run(args, out);
                case "commit" -> CommitCommand.run(args, out);
                case "rebase" -> RebaseCommand.run(args, out);
                case "bench" -> BenchCommand.run(args, out);
                case "amend" -> AmendCommand.run(args, out);
                default -> {
                    err.println("img: Command not found: " + command);
                    yield 1;
                }
            };
        } catch (UsageException e) {
            err.println("img: " + e.getMessage());
            err.println("Try 'img --help' for more information");
            return 1;
        } catch (BlockException e) {
            err.println("img: " + e.getMessage());
            return 1;
        }
    }

    /** compare exits 2, not 1, on errors. */
    private static int compare(String[] args, PrintStream out, PrintStream err) throws UsageException {
        try {
            return CompareCommand.run(args, out, err);
        } catch (BlockException e) {
            err.println("img: " + e.getMessage());
            return 2;
        }
    }

    /** Command-line entry point for running the tool on its own. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
