package org.osmium.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;

/**
 * The commands of the shell with their documentation, read from the {@link Descriptor} and {@link Usage} annotations
 * of the command classes: one source for Gogo's help, ours, and completion.
 */
final class CommandCatalog {
    /** The Gogo scope of the machine commands. */
    static final String MACHINE_SCOPE = "machine";
    /** The Gogo scope of our help command. */
    static final String OSMIUM_SCOPE = "osmium";
    /** The image tool's commands. */
    static final String IMG_SCOPE = "img";

    /** The order in which a shell session looks up a command name without scope. */
    private static final List<String> SCOPE_ORDER = List.of(OSMIUM_SCOPE, MACHINE_SCOPE);
    private static final List<CommandDoc> COMMANDS = read();

    private CommandCatalog() {
    }

    /** Every command, sorted by scope then name. */
    static List<CommandDoc> commands() {
        return COMMANDS;
    }

    /**
     * The command called {@code name}, with or without its scope ({@code add}, {@code machine:add}); a name without
     * scope resolves as the shell resolves it: {@code osmium}, then {@code machine}, then the other scopes.
     */
    static Optional<CommandDoc> find(String name) {
        return COMMANDS.stream().filter(doc -> doc.name().equals(name) || doc.qualifiedName().equals(name))
                .min(Comparator.comparingInt(CommandCatalog::lookupRank));
    }

    private static int lookupRank(CommandDoc doc) {
        int rank = SCOPE_ORDER.indexOf(doc.scope());
        return rank < 0 ? SCOPE_ORDER.size() : rank;
    }

    /** The documentation of {@code name}; a name that is not in the catalog is a programming error. */
    static CommandDoc get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no documentation for command " + name));
    }

    private static List<CommandDoc> read() {
        List<CommandDoc> docs = new ArrayList<>();
        read(MachineCommands.class, MACHINE_SCOPE, docs);
        read(WaitCommand.class, MACHINE_SCOPE, docs);
        read(HelpCommand.class, OSMIUM_SCOPE, docs);
        read(ImgCommands.class, IMG_SCOPE, docs);
        docs.sort(Comparator.comparing(CommandDoc::scope).thenComparing(CommandDoc::name));
        return List.copyOf(docs);
    }

    private static void read(Class<?> type, String scope, List<CommandDoc> docs) {
        for (Method method : type.getMethods()) {
            Usage usage = method.getAnnotation(Usage.class);
            Descriptor descriptor = method.getAnnotation(Descriptor.class);
            if (usage != null && descriptor != null) {
                String name = usage.syntax().split(" ", 2)[0];
                docs.add(new CommandDoc(scope, name, descriptor.value(), usage.syntax(), List.of(usage.arguments()),
                        List.of(usage.examples())));
            }
        }
    }
}
