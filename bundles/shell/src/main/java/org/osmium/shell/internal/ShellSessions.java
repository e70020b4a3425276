package org.osmium.shell.internal;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Opens the Gogo sessions of the interactive shell and the script runner, with our scopes searched first. */
final class ShellSessions {
    /** Unscoped names find osmium's and machine's commands first ({@code help} is {@code osmium:help}). */
    static final String SCOPE_PATH = CommandCatalog.OSMIUM_SCOPE + ":" + CommandCatalog.MACHINE_SCOPE + ":*";

    private ShellSessions() {
    }

    static CommandSession open(CommandProcessor processor, InputStream in, OutputStream out, OutputStream err) {
        CommandSession session = processor.createSession(in, out, err);
        session.put("SCOPE", SCOPE_PATH);
        return session;
    }
}
