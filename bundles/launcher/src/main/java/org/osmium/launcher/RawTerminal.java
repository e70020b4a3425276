package org.osmium.launcher;

import java.io.IOException;

/**
 * Puts an interactive terminal into raw mode while a machine owns stdio (as QEMU's {@code -nographic} does: keys go
 * to the guest, {@code Ctrl-A x} quits) and restores it afterwards. Does nothing when stdin is not a terminal.
 */
final class RawTerminal implements AutoCloseable {
    /** QEMU's stdio mode for -nographic: raw input without echo or signals, output still turns \n into \r\n. */
    private static final String[] QEMU_STDIO_MODE = {"-ignbrk", "-brkint", "-parmrk", "-istrip", "-inlcr", "-igncr",
        "-icrnl", "-ixon", "opost", "-echo", "-echonl", "-icanon", "-iexten", "-isig", "cs8", "-parenb", "min", "1", "time", "0"};
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    static RawTerminal enterIfInteractive() throws IOException {
        if (System.console() == null || !System.console().isTerminal()) {
            return new RawTerminal(null);
        }
        String saved = stty("-g").trim();
        stty(QEMU_STDIO_MODE);
        RawTerminal terminal = new RawTerminal(saved);
        Runtime.getRuntime().addShutdownHook(new Thread(terminal::restore));
        return terminal;
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the terminal up");
        }
    }

    private void restore() {
        if (saved != null) {
            try {
                stty(saved);
            } catch (IOException ignored) {
                // the terminal is gone; nothing to restore
            }
        }
    }

    @Override
    public void close() {
        restore();
    }
}
