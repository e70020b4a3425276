package org.osmium.shell.internal;

import java.util.concurrent.CancellationException;

/** The one-line message the shell prints for a failed command: the first message found along the causes. */
final class ErrorMessages {
    /** How Gogo starts the message of an unknown command. */
    private static final String COMMAND_NOT_FOUND = "Command not found: ";

    private ErrorMessages() {
    }

    static String of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause.getMessage() == null && (cause instanceof InterruptedException || cause instanceof CancellationException)) {
            return "interrupted";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = message.lines().findFirst().orElse(cause.getClass().getSimpleName());
        return line.startsWith(COMMAND_NOT_FOUND) ? line + " ('help' lists the commands)" : line;
    }
}
