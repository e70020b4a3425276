package org.osmium.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osmium.runtime.MachineManager;

/**
 * Runs a file of shell commands one line at a time through Gogo (not gosh's script mode, which hangs on some errors):
 * blank lines and {@code #} comments are skipped; the first failure stops it with {@code FILE:LINE: message}.
 */
final class ScriptRunner {
    private final CommandProcessor processor;
    private final MachineManager manager;

    ScriptRunner(CommandProcessor processor, MachineManager manager) {
        this.processor = processor;
        this.manager = manager;
    }

    /** Runs {@code file}; returns 0 when every line succeeded (or an {@code exit} line's status), 1 otherwise. */
    int run(Path file, PrintStream out, PrintStream err) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                err.println(file + ": no such script file");
                return 1;
            }
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            err.println(file + ": cannot read: " + ErrorMessages.of(e));
            return 1;
        }
        Consumer<String> notices = notice -> err.println("osmium: " + notice);
        manager.addNoticeListener(notices);
        CommandSession session = ShellSessions.open(processor, InputStream.nullInputStream(), out, err);
        try {
            for (int number = 1; number <= lines.size(); number++) {
                try {
                    OptionalInt exit = CommandLines.run(session, lines.get(number - 1).strip(), out::println);
                    if (exit.isPresent()) {
                        return exit.getAsInt();
                    }
                } catch (Exception e) {
                    out.flush();
                    err.println(file + ":" + number + ": " + ErrorMessages.of(e));
                    return 1;
                }
            }
            return 0;
        } finally {
            session.close();
            manager.removeNoticeListener(notices);
            out.flush();
            err.flush();
        }
    }
}
