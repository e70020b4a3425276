package org.osmium.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;

/**
 * A real Gogo command processor (no framework) with the shell's commands registered under the scopes and functions
 * that bnd wrote into their component descriptions, as Gogo's whiteboard registers them in a framework.
 */
final class GogoHarness implements AutoCloseable {
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    final CommandProcessorImpl processor;
    final InMemoryMachineManager manager = new InMemoryMachineManager();

    GogoHarness() {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        register(new MachineCommands(manager));
        register(new WaitCommand(manager));
        register(new HelpCommand());
    }

    private void register(Object component) {
        String xml = componentXml(component.getClass());
        String scope = property(xml, "osgi.command.scope").get(0);
        for (String function : property(xml, "osgi.command.function")) {
            processor.addCommand(scope, component, function);
        }
    }

    /** The DS component description bnd generated for {@code type}. */
    static String componentXml(Class<?> type) {
        try (InputStream in = type.getClassLoader().getResourceAsStream("OSGI-INF/" + type.getName() + ".xml")) {
            if (in == null) {
                throw new IllegalStateException("no component description for " + type.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values of a String property (one value, or a list one per line) of a component description. */
    static List<String> property(String xml, String name) {
        Matcher single = Pattern.compile("<property name=\"" + Pattern.quote(name) + "\" type=\"String\" value=\"([^\"]*)\"/>").matcher(xml);
        if (single.find()) {
            return List.of(single.group(1));
        }
        Matcher list = Pattern.compile("<property name=\"" + Pattern.quote(name) + "\" type=\"String\">([^<]*)</property>").matcher(xml);
        if (list.find()) {
            return Arrays.stream(list.group(1).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        throw new IllegalStateException("no property " + name + " in " + xml);
    }

    /** A session like the shell's, writing to {@code out}. */
    CommandSession session(ByteArrayOutputStream out) {
        return ShellSessions.open(processor, InputStream.nullInputStream(), out, out);
    }

    @Override
    public void close() {
        processor.stop();
        threadIO.stop();
    }
}
