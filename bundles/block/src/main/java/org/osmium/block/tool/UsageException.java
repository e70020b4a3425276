package org.osmium.block.tool;

/** A command line qemu-img would refuse: the message says which argument and why. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
