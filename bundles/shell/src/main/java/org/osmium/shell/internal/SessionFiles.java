package org.osmium.shell.internal;

import java.nio.file.Path;
import org.apache.felix.service.command.CommandSession;

/** Resolves file names typed in a command against the session's current directory (Gogo's {@code cd}). */
final class SessionFiles {
    private SessionFiles() {
    }

    /**
     * {@code name} as a path: absolute ones, and relative ones while the session is in the process's directory, as
     * typed (so that messages show them as typed); others against the session's directory.
     */
    static Path resolve(CommandSession session, String name) {
        Path path = Path.of(name);
        Path directory = session == null ? null : session.currentDir();
        if (path.isAbsolute() || directory == null || directory.equals(Path.of("").toAbsolutePath())) {
            return path;
        }
        return directory.resolve(path);
    }
}
