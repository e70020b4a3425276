package org.osmium.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.osmium.api.device.CharBackend;

/** A character backend that records guest output and hands out host input typed by the test. */
public final class RecordingCharBackend implements CharBackend {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Queue<Integer> input = new ArrayDeque<>();
    private Runnable listener = () -> { };

    @Override
    public void write(int b) {
        output.write(b);
    }

    @Override
    public int read() {
        Integer next = input.poll();
        return next == null ? -1 : next;
    }

    @Override
    public void onInput(Runnable listener) {
        this.listener = listener;
    }

    /** Queues host input (one byte per ISO-8859-1 character) and tells the listener, as the machine does. */
    public void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            input.add(b & 0xff);
        }
        listener.run();
    }

    /** Host input not yet taken by the device. */
    public int waiting() {
        return input.size();
    }

    /** The guest output so far, one ISO-8859-1 character per byte. */
    public String written() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }
}
