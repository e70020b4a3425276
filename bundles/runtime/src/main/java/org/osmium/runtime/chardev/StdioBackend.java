package org.osmium.runtime.chardev;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The process's standard output, and standard input when {@code osmium.stdio.input=true} (the QEMU-style command
 * line). Input knows QEMU's escapes: {@code Ctrl-A x} quits, {@code Ctrl-A Ctrl-A} sends one Ctrl-A.
 */
final class StdioBackend implements Backend {
    private static final int CTRL_A = 1;
    private static final Object STDIN_OWNER_LOCK = new Object();
    private static boolean stdinTaken;

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

    StdioBackend(ChardevPort port, Runnable quit) {
        if (Boolean.getBoolean("osmium.stdio.input") && takeStdin()) {
            Thread reader = new Thread(() -> readInput(new FileInputStream(FileDescriptor.in), port, quit), "stdio-input");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private static boolean takeStdin() {
        synchronized (STDIN_OWNER_LOCK) {
            boolean free = !stdinTaken;
            stdinTaken = true;
            return free;
        }
    }

    private static void readInput(InputStream in, ChardevPort port, Runnable quit) {
        boolean escape = false;
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (escape) {
                    escape = false;
                    if (b == 'x') {
                        quit.run();
                        return;
                    }
                    if (b != CTRL_A) {
                        continue;
                    }
                } else if (b == CTRL_A) {
                    escape = true;
                    continue;
                }
                port.receive(new byte[] {(byte) b}, 1);
            }
        } catch (IOException ignored) {
            // standard input closed: the guest just gets no more input
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() {
        // standard output stays open for the process
    }
}
