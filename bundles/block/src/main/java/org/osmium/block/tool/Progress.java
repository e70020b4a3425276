package org.osmium.block.tool;

import java.io.PrintStream;
import java.util.Locale;

/** qemu-img's -p progress line: "    (NN.NN/100%)" rewritten in place with a carriage return. */
final class Progress {
    private final PrintStream out;
    private final boolean enabled;
    private final long total;
    private long done;
    private double shown = -1;

    Progress(PrintStream out, boolean enabled, long total) {
        this.out = out;
        this.enabled = enabled;
        this.total = Math.max(1, total);
        print(0);
    }

    void advance(long bytes) {
        done += bytes;
        double percent = 100.0 * done / total;
        if (percent - shown >= 1 || done == total) {
            print(percent);
        }
    }

    void done() {
        if (enabled) {
            print(100);
            out.println();
        }
    }

    private void print(double percent) {
        if (!enabled) {
            return;
        }
        shown = percent;
        out.print(String.format(Locale.ROOT, "    (%3.2f/100%%)\r", percent));
        out.flush();
    }
}
