package org.osmium.runtime.chardev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest output reaches its backend once and in order, across a retarget; host input waits until the device reads it. */
class ChardevPortTest {
    @TempDir
    Path folder;

    private static void write(ChardevPort port, String text) {
        text.chars().forEach(port::write);
    }

    @Test
    void outputArrivesInOrderAcrossARetarget() throws Exception {
        Path first = folder.resolve("first.txt");
        Path second = folder.resolve("second.txt");
        ChardevPort port = new ChardevPort("uart0.chardev", "file:" + first, Runnable::run, () -> { });
        StringBuilder expectedFirst = new StringBuilder();
        for (int line = 0; line < 2000; line++) {
            String text = "line " + line + "\n";
            write(port, text);
            expectedFirst.append(text);
        }
        port.retarget("file:" + second);
        write(port, "after the switch\n");
        port.close();
        assertEquals(expectedFirst.toString(), Files.readString(first));
        assertEquals("after the switch\n", Files.readString(second));
    }

    @Test
    void socketKeepsOutputUntilAClientConnectsAndPassesItsInput() throws Exception {
        LinkedBlockingQueue<Runnable> executionThread = new LinkedBlockingQueue<>();
        int port = freePort();
        ChardevPort chardev = new ChardevPort("uart0.chardev", "socket:127.0.0.1:" + port, executionThread::add, () -> { });
        write(chardev, "before anyone listens\n");
        chardev.flush();
        try (Socket client = new Socket("127.0.0.1", port)) {
            InputStream in = client.getInputStream();
            assertEquals("before anyone listens\n", new String(in.readNBytes(22)));
            int[] received = new int[1];
            chardev.onInput(() -> received[0] = chardev.read());
            OutputStream out = client.getOutputStream();
            out.write('k');
            out.flush();
            executionThread.take().run();
            assertEquals('k', received[0]);
        }
        chardev.close();
    }

    @Test
    void unknownBackendIsNamed() {
        IOException refused = assertThrows(IOException.class, () -> new ChardevPort("u", "pty", Runnable::run, () -> { }));
        assertEquals("unknown chardev 'pty' (stdio, null, file:PATH or socket:HOST:PORT)", refused.getMessage());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
