package org.osmium.runtime.chardev;

import java.io.FileOutputStream;
import java.io.IOException;

/** Appends output to a file, flushed on every write ({@code chardev=file:PATH}). */
final class FileBackend implements Backend {
    private final FileOutputStream out;

    FileBackend(String path) throws IOException {
        this.out = new FileOutputStream(path, true);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to flush: every write was flushed
        }
    }
}
