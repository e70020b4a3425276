package org.osmium.shell.internal;

import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One line of shell input, the same for the interactive shell and scripts: blank and {@code #} lines do nothing,
 * {@code exit [N]} ends the shell, anything else runs through Gogo and its result is printed.
 */
final class CommandLines {
    private CommandLines() {
    }

    /**
     * Runs {@code line} (already stripped) in {@code session}, printing a result through {@code print}.
     *
     * @return the status of an {@code exit} line, empty for any other line
     * @throws Exception the command's failure, for the caller to report
     */
    static OptionalInt run(CommandSession session, String line, Consumer<String> print) throws Exception {
        if (line.isEmpty() || line.startsWith("#")) {
            return OptionalInt.empty();
        }
        OptionalInt exit = ExitLine.parse(line);
        if (exit.isPresent()) {
            return exit;
        }
        Object result = session.execute(line);
        if (result != null) {
            print.accept(String.valueOf(session.format(result, Converter.INSPECT)));
        }
        return OptionalInt.empty();
    }
}
