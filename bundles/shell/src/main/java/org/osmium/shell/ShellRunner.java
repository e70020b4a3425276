package org.osmium.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** Runs Osmium shell commands: interactively on the process's terminal, or from a script file. */
@ProviderType
public interface ShellRunner {
    /**
     * Reads and runs commands on the process's terminal (line editing, history and completion when it is a real
     * terminal; line by line when stdin is piped) until {@code exit [STATUS]} or end of input.
     *
     * @return the status given to {@code exit}, 0 at end of input
     */
    int interactive();

    /**
     * Runs the commands of {@code file} one line at a time (blank lines and {@code #} comments skipped); the first
     * failing command stops it with {@code FILE:LINE: message} on {@code err}.
     *
     * @return 0 when every command succeeded (or the status of an {@code exit} line), 1 otherwise
     */
    int script(Path file, PrintStream out, PrintStream err);
}
