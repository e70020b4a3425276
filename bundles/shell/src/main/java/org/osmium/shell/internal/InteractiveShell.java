package org.osmium.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineManager;

/**
 * The interactive shell on the process's terminal: JLine line editing, history in {@code ~/.osmium_history}, Tab
 * completion, runtime notices printed above the prompt, Ctrl-C interrupting the running command. With a dumb
 * terminal (piped stdin) it reads line by line and keeps no history.
 */
final class InteractiveShell {
    private static final String HISTORY_FILE = ".osmium_history";

    private final CommandProcessor processor;
    private final MachineManager manager;

    InteractiveShell(CommandProcessor processor, MachineManager manager) {
        this.processor = processor;
        this.manager = manager;
    }

    /** Runs until {@code exit [STATUS]} or end of input; returns the status. */
    int run() {
        try (Terminal terminal = TerminalBuilder.builder().name("osmium").system(true).dumb(true).build()) {
            return run(terminal);
        } catch (IOException e) {
            System.err.println("osmium: cannot open the terminal: " + ErrorMessages.of(e));
            return 1;
        }
    }

    private int run(Terminal terminal) {
        PrintStream console = new PrintStream(terminal.output(), true);
        CommandSession session = ShellSessions.open(processor, terminal.input(), console, console);
        boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("osmium")
                .completer(new JLineCompleter(new CompletionCandidates(manager, session)))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (!dumb) {
            builder.variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE));
        }
        LineReader reader = builder.build();
        PrintWriter writer = terminal.writer();
        Consumer<String> notices = reader::printAbove;
        manager.addNoticeListener(notices);
        terminal.handle(Signal.INT, signal -> interrupt(session));
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(session)).strip();
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                try {
                    OptionalInt exit = CommandLines.run(session, line, writer::println);
                    if (exit.isPresent()) {
                        return exit.getAsInt();
                    }
                } catch (Exception e) {
                    writer.println("error: " + ErrorMessages.of(e));
                }
                writer.flush();
            }
        } finally {
            manager.removeNoticeListener(notices);
            session.close();
            saveHistory(reader, writer);
        }
    }

    private String prompt(CommandSession session) {
        return CurrentMachine.find(manager, session).map(Machine::name).map(name -> "osmium:" + name + "> ").orElse("osmium> ");
    }

    private static void interrupt(CommandSession session) {
        Job job = session.foregroundJob();
        if (job != null) {
            job.interrupt();
        }
    }

    private static void saveHistory(LineReader reader, PrintWriter writer) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            writer.println("osmium: history not saved: " + ErrorMessages.of(e));
            writer.flush();
        }
    }
}
