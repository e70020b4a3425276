package org.osmium.runtime.chardev;

import java.io.IOException;

/** Where a port's output goes and its input comes from; input arrives through the port given at open. */
interface Backend {
    void write(byte[] bytes, int offset, int length) throws IOException;

    void close();
}
