package org.osmium.runtime.chardev;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.osmium.api.device.CharBackend;

/**
 * The character backend a device sees. Guest output is queued without bound and written by a pump thread, so a slow
 * backend never loses or blocks guest output; input is buffered until the device pulls it. The machine can retarget
 * the port to another backend while the guest runs; the device never notices.
 */
public final class ChardevPort implements CharBackend {
    private final String name;
    private final Executor executionThread;
    private final Runnable quit;
    private final Thread pump;

    private byte[] output = new byte[4096];
    private int outputLength;
    private boolean writing;
    private boolean closed;
    private Backend backend;
    private String spec;

    private final Object inputLock = new Object();
    private byte[] input = new byte[256];
    private int inputStart;
    private int inputLength;
    private volatile Runnable inputListener;

    /**
     * Opens a port on the backend {@code spec} ({@code stdio}, {@code null}, {@code file:PATH}, {@code socket:HOST:PORT}).
     *
     * @param name names the port in messages and its pump thread ({@code uart0.chardev})
     * @param executionThread runs input notifications on the machine's execution thread
     * @param quit what {@code Ctrl-A x} on stdio does
     */
    public ChardevPort(String name, String spec, Executor executionThread, Runnable quit) throws IOException {
        this.name = name;
        this.executionThread = executionThread;
        this.quit = quit;
        this.backend = open(spec);
        this.spec = spec;
        this.pump = new Thread(this::pumpOutput, "chardev-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    private Backend open(String spec) throws IOException {
        if (spec.equals("stdio")) {
            return new StdioBackend(this, quit);
        }
        if (spec.equals("null")) {
            return new NullBackend();
        }
        if (spec.startsWith("file:")) {
            return new FileBackend(spec.substring(5));
        }
        if (spec.startsWith("socket:")) {
            int colon = spec.lastIndexOf(':');
            return new SocketBackend(spec.substring(7, colon), Integer.parseInt(spec.substring(colon + 1)), this);
        }
        throw new IOException("unknown chardev '" + spec + "' (stdio, null, file:PATH or socket:HOST:PORT)");
    }

    public synchronized String spec() {
        return spec;
    }

    /** Switches to another backend after everything queued so far has gone to the old one. */
    public void retarget(String newSpec) throws IOException {
        Backend replacement = open(newSpec);
        Backend old;
        synchronized (this) {
            awaitDrained();
            old = backend;
            backend = replacement;
            spec = newSpec;
        }
        old.close();
    }

    @Override
    public synchronized void write(int b) {
        if (closed) {
            return;
        }
        if (outputLength == output.length) {
            output = Arrays.copyOf(output, output.length * 2);
        }
        output[outputLength++] = (byte) b;
        if (outputLength == 1) {
            notifyAll();
        }
    }

    private void pumpOutput() {
        byte[] chunk = new byte[0];
        while (true) {
            int length;
            Backend target;
            synchronized (this) {
                while (outputLength == 0 && !closed) {
                    waitQuietly();
                }
                if (outputLength == 0) {
                    return;
                }
                if (chunk.length < outputLength) {
                    chunk = new byte[output.length];
                }
                length = outputLength;
                System.arraycopy(output, 0, chunk, 0, length);
                outputLength = 0;
                writing = true;
                target = backend;
            }
            try {
                target.write(chunk, 0, length);
            } catch (IOException e) {
                System.err.println("osmium: " + name + ": output to " + spec() + " failed: " + e.getMessage());
            }
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }

    /** Waits until every byte written so far has reached the backend. */
    public synchronized void flush() {
        awaitDrained();
    }

    private void awaitDrained() {
        while ((outputLength > 0 || writing) && pump.isAlive()) {
            waitQuietly();
        }
    }

    private void waitQuietly() {
        try {
            wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Flushes what is queued, then closes the backend. */
    public void close() {
        Backend old;
        synchronized (this) {
            awaitDrained();
            closed = true;
            notifyAll();
            old = backend;
        }
        old.close();
    }

    /** Host input from a backend's I/O thread: buffered, then the device is told on the execution thread. */
    void receive(byte[] bytes, int length) {
        synchronized (inputLock) {
            if (inputLength + length > input.length) {
                byte[] grown = new byte[Math.max(input.length * 2, inputLength + length)];
                for (int i = 0; i < inputLength; i++) {
                    grown[i] = input[(inputStart + i) % input.length];
                }
                input = grown;
                inputStart = 0;
            }
            for (int i = 0; i < length; i++) {
                input[(inputStart + inputLength++) % input.length] = bytes[i];
            }
        }
        Runnable listener = inputListener;
        if (listener != null) {
            executionThread.execute(listener);
        }
    }

    @Override
    public int read() {
        synchronized (inputLock) {
            if (inputLength == 0) {
                return -1;
            }
            int b = input[inputStart] & 0xff;
            inputStart = (inputStart + 1) % input.length;
            inputLength--;
            return b;
        }
    }

    @Override
    public void onInput(Runnable listener) {
        inputListener = listener;
        boolean waiting;
        synchronized (inputLock) {
            waiting = inputLength > 0;
        }
        if (waiting && listener != null) {
            executionThread.execute(listener);
        }
    }
}
