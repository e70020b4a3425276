package org.osmium.runtime.chardev;

/** Discards output and gives no input ({@code chardev=null}). */
final class NullBackend implements Backend {
    @Override
    public void write(byte[] bytes, int offset, int length) {
    }

    @Override
    public void close() {
    }
}
