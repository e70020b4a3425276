package org.osmium.shell.internal;

import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;

/** {@code osmium:help}: the commands with one line each, or one command's usage, arguments and examples. */
@Component(service = Object.class)
@GogoCommand(scope = CommandCatalog.OSMIUM_SCOPE, function = "help")
public final class HelpCommand {

    @Descriptor("list the commands, or explain one with its usage, arguments and examples")
    @Usage(syntax = "help [COMMAND]", arguments = "COMMAND  a command, with or without its scope (add, machine:add)",
            examples = {"help", "help machine:add", "help wait"})
    public String help(String... arguments) {
        Arguments args = Arguments.of("help", arguments, 0, 1);
        if (args.size() == 1) {
            return CommandCatalog.find(args.text(0)).map(CommandDoc::text).orElseThrow(() -> new IllegalArgumentException(
                    "help: no command '" + args.text(0) + "'; commands: "
                            + CommandCatalog.commands().stream().map(CommandDoc::name).distinct().sorted().collect(Collectors.joining(", "))));
        }
        int width = CommandCatalog.commands().stream().mapToInt(doc -> doc.qualifiedName().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("Osmium commands (the scope may be left out: 'add' is 'machine:add'):");
        for (CommandDoc doc : CommandCatalog.commands()) {
            text.append(String.format("\n  %-" + width + "s  %s", doc.qualifiedName(), doc.description()));
        }
        return text.append("\n'help COMMAND' shows its usage, arguments and examples; 'exit' leaves the shell.").toString();
    }
}
