package org.osmium.block;

/** A block operation failed: the message names the file and the problem. */
public class BlockException extends Exception {
    private static final long serialVersionUID = 1L;

    public BlockException(String message) {
        super(message);
    }

    public BlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
