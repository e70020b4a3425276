package org.osmium.runtime.chardev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server ({@code chardev=socket:HOST:PORT}) that waits for no one: output written while no client is connected
 * is kept (up to 64 KiB, oldest dropped first) and sent when one connects; the client's bytes are the guest's input.
 */
final class SocketBackend implements Backend {
    private static final int BACKLOG_LIMIT = 64 * 1024;

    private final ServerSocket server;
    private final ByteArrayOutputStream backlog = new ByteArrayOutputStream();
    private Socket client;

    SocketBackend(String host, int port, ChardevPort owner) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port));
        Thread acceptor = new Thread(() -> serve(owner), "chardev-socket-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(ChardevPort owner) {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                synchronized (this) {
                    client = accepted;
                    accepted.getOutputStream().write(backlog.toByteArray());
                    backlog.reset();
                }
                InputStream in = accepted.getInputStream();
                byte[] buffer = new byte[256];
                int count;
                while ((count = in.read(buffer)) > 0) {
                    owner.receive(buffer, count);
                }
            } catch (IOException ignored) {
                // the client went away or the server closed: wait for the next client
            } finally {
                synchronized (this) {
                    client = null;
                }
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (client != null) {
            try {
                OutputStream out = client.getOutputStream();
                out.write(bytes, offset, length);
                out.flush();
                return;
            } catch (IOException e) {
                client = null;
            }
        }
        backlog.write(bytes, offset, length);
        if (backlog.size() > BACKLOG_LIMIT) {
            byte[] kept = backlog.toByteArray();
            backlog.reset();
            backlog.write(kept, kept.length - BACKLOG_LIMIT, BACKLOG_LIMIT);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            synchronized (this) {
                if (client != null) {
                    client.close();
                }
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
