import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times emulators from their start to U-Boot's "=> " prompt, and to the firmware's first line of output, run by
 * scripts/boot-benchmark.sh. Each emulator's output is read as it arrives (no polling that would take a CPU from it);
 * a key is sent as soon as U-Boot offers to stop autoboot, and "poweroff" once the prompt is there.
 *
 * <p>{@code java BootBenchmark.java RUNS TIMEOUT_SECONDS -- EMULATOR ARGS... [-- EMULATOR ARGS...]}
 */
public final class BootBenchmark {
    private static final byte[] AUTOBOOT = "Hit any key to stop autoboot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROMPT = "\n=> ".getBytes(StandardCharsets.US_ASCII);

    /** One boot: seconds to the first output byte and to the prompt. */
    private record Timing(double firstOutput, double prompt) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        List<List<String>> emulators = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--")) {
                emulators.add(new ArrayList<>());
            } else {
                emulators.getLast().add(args[i]);
            }
        }
        double[] medians = new double[emulators.size()];
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < emulators.size(); e++) {
            List<String> command = emulators.get(e);
            double[] prompt = new double[runs], first = new double[runs];
            for (int run = 0; run < runs; run++) {
                Timing timing = boot(command, timeoutNanos);
                prompt[run] = timing.prompt();
                first[run] = timing.firstOutput();
            }
            Arrays.sort(prompt);
            Arrays.sort(first);
            medians[e] = prompt[runs / 2];
            lines.add(String.format("%-22s prompt: best %5.2f  median %5.2f   first output: median %5.2f   all:%s",
                    name(command.getFirst()), prompt[0], prompt[runs / 2], first[runs / 2], seconds(prompt)));
        }
        lines.forEach(System.out::println);
        if (medians.length == 2) {
            System.out.printf("%s / %s (median time to prompt): %.2fx%n", name(emulators.get(0).getFirst()),
                    name(emulators.get(1).getFirst()), medians[0] / medians[1]);
        }
    }

    /** Boots once: reads the output until the prompt, answers autoboot, then powers off. */
    private static Timing boot(List<String> command, long timeoutNanos) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        InputStream output = process.getInputStream();
        OutputStream input = process.getOutputStream();
        byte[] seen = new byte[1 << 20];
        int length = 0;
        long firstOutput = -1;
        boolean keySent = false;
        byte[] chunk = new byte[8192];
        for (int count; (count = output.read(chunk)) > 0; ) {
            if (firstOutput < 0) {
                firstOutput = System.nanoTime();
            }
            length = append(seen, length, chunk, count);
            if (!keySent && indexOf(seen, length, AUTOBOOT) >= 0) {
                input.write(' ');
                input.flush();
                keySent = true;
            }
            if (indexOf(seen, length, PROMPT) >= 0) {
                long prompt = System.nanoTime();
                input.write("poweroff\n".getBytes(StandardCharsets.US_ASCII));
                input.flush();
                output.transferTo(OutputStream.nullOutputStream());
                process.waitFor();
                watchdog.interrupt();
                return new Timing((firstOutput - start) / 1e9, (prompt - start) / 1e9);
            }
        }
        process.destroyForcibly();
        String tail = new String(seen, Math.max(0, length - 400), Math.min(length, 400), StandardCharsets.UTF_8);
        throw new IllegalStateException("'" + String.join(" ", command) + "' reached no U-Boot prompt (exit or timeout);"
                + " its output ends with:\n" + tail);
    }

    /** Appends {@code count} bytes of {@code chunk}, keeping the newest bytes when {@code seen} is full. */
    private static int append(byte[] seen, int length, byte[] chunk, int count) {
        if (length + count > seen.length) {
            int keep = seen.length / 2;
            System.arraycopy(seen, length - keep, seen, 0, keep);
            length = keep;
        }
        System.arraycopy(chunk, 0, seen, length, count);
        return length + count;
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String seconds(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(String.format(" %.2f", value));
        }
        return text.toString();
    }

    /** The last element of a command's path, for the table. */
    private static String name(String command) {
        return command.substring(command.lastIndexOf('/') + 1);
    }
}
