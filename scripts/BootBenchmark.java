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
 * <p>{@code java BootBenchmark.java RUNS TIMEOUT_SECONDS -- [@LABEL] EMULATOR ARGS... [-- [@LABEL] EMULATOR ARGS...]}
 *
 * <p>The runs take turns (one of each emulator, then the next round), so that a machine whose speed drifts from minute
 * to minute slows them alike; every emulator's median is then given as a multiple of the last one's.
 */
public final class BootBenchmark {
    private static final byte[] AUTOBOOT = "Hit any key to stop autoboot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROMPT = "\n=> ".getBytes(StandardCharsets.US_ASCII);

    /** One boot: seconds to the first output byte and to the prompt. */
    private record Timing(double firstOutput, double prompt) {
    }

    /** A command to time, and the name it has in the table. */
    private record Emulator(String label, List<String> command) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        List<List<String>> words = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--")) {
                words.add(new ArrayList<>());
            } else {
                words.getLast().add(args[i]);
            }
        }
        List<Emulator> emulators = new ArrayList<>();
        for (List<String> command : words) {
            boolean labelled = command.getFirst().startsWith("@");
            String label = labelled ? command.getFirst().substring(1) : name(command.getFirst());
            emulators.add(new Emulator(label, labelled ? command.subList(1, command.size()) : command));
        }
        double[][] prompt = new double[emulators.size()][runs], first = new double[emulators.size()][runs];
        for (int run = 0; run < runs; run++) {
            for (int e = 0; e < emulators.size(); e++) {
                Timing timing = boot(emulators.get(e).command(), timeoutNanos);
                prompt[e][run] = timing.prompt();
                first[e][run] = timing.firstOutput();
            }
        }
        double reference = median(prompt[emulators.size() - 1]);
        for (int e = 0; e < emulators.size(); e++) {
            Arrays.sort(prompt[e]);
            System.out.printf("%-14s prompt: best %5.2f  median %5.2f (%4.1fx)   first output: median %5.2f   all:%s%n",
                    emulators.get(e).label(), prompt[e][0], median(prompt[e]), median(prompt[e]) / reference,
                    median(first[e]), seconds(prompt[e]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
