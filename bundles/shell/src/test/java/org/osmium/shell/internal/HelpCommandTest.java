package org.osmium.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Help lists every registered command and explains each one; the catalog matches what is registered with Gogo. */
class HelpCommandTest {
    private final GogoHarness gogo = new GogoHarness();
    private final CommandSession session = gogo.session(new ByteArrayOutputStream());

    @AfterEach
    void close() {
        gogo.close();
    }

    /** A help command of another scope, as Gogo's own felix:help would be. */
    public static final class OtherHelp {
        public String help() {
            return "other help";
        }
    }

    @Test
    void theCatalogHasExactlyTheRegisteredFunctionsEachWithExamples() {
        List<String> registered = Stream.of(MachineCommands.class, WaitCommand.class, HelpCommand.class, ImgCommands.class)
                .flatMap(type -> {
                    String xml = GogoHarness.componentXml(type);
                    String scope = GogoHarness.property(xml, "osgi.command.scope").get(0);
                    return GogoHarness.property(xml, "osgi.command.function").stream().map(function -> scope + ":" + function);
                }).sorted().toList();
        assertEquals(registered, CommandCatalog.commands().stream().map(CommandDoc::qualifiedName).toList());
        assertEquals(38, registered.size());
        CommandCatalog.commands().forEach(doc -> assertFalse(doc.examples().isEmpty(), doc.qualifiedName() + " has no example"));
    }

    @Test
    void helpListsEveryCommandWithItsDescription() throws Exception {
        gogo.processor.addCommand("felix", new OtherHelp(), "help");
        String help = String.valueOf(session.execute("help"));
        assertTrue(help.startsWith("Osmium commands (the scope may be left out: 'add' is 'machine:add'):\n"), help);
        for (CommandDoc doc : CommandCatalog.commands()) {
            assertTrue(help.contains(doc.qualifiedName()), doc.qualifiedName());
        }
        assertTrue(help.contains("\n  machine:wait     wait until the current machine's guest powers off"), help);
        assertTrue(help.endsWith("'help COMMAND' shows its usage, arguments and examples; 'exit' leaves the shell."), help);
    }

    @Test
    void helpExplainsOneCommand() throws Exception {
        String expected = """
                usage: machine:add MODEL[:VERSION] ID [key=value...]
                  add a device or hart to the current machine
                arguments:
                  MODEL      a model type from machine:models (optionally :VERSION)
                  ID         a new device id, unique in the machine (uart1, hart1)
                  key=value  properties of the model (machine:models MODEL lists them); numbers take 0x..., sizes 64K, 128M
                examples:
                  add ns16550a uart1 base=0x10000100 chardev=null
                  add ram ram1 base=0x90000000 size=16M""";
        assertEquals(expected, session.execute("help machine:add"));
        assertEquals(expected, session.execute("osmium:help add"));
        assertTrue(String.valueOf(session.execute("help wait")).startsWith("usage: machine:wait [MS]\n"));
    }

    @Test
    void helpRefusesAnUnknownCommand() {
        Exception failure = assertThrows(Exception.class, () -> session.execute("help frob"));
        assertTrue(ErrorMessages.of(failure).startsWith("help: no command 'frob'; commands: add, amend, bench, boot, check, commit, compare, convert, create, destroy, dtb, help, info, list, "),
                ErrorMessages.of(failure));
    }
}
