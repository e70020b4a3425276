package org.osmium.loader;

/** An image that cannot be loaded; the message names the file and what is wrong with it. */
public class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }
}
