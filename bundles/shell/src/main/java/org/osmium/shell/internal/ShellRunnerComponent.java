package org.osmium.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osmium.runtime.MachineManager;
import org.osmium.shell.ShellRunner;

/** The {@link ShellRunner} service: the interactive shell and the script runner over Gogo's command processor. */
@Component(service = ShellRunner.class)
public final class ShellRunnerComponent implements ShellRunner {
    private final CommandProcessor processor;
    private final MachineManager manager;

    @Activate
    public ShellRunnerComponent(@Reference CommandProcessor processor, @Reference MachineManager manager) {
        this.processor = processor;
        this.manager = manager;
    }

    @Override
    public int interactive() {
        return new InteractiveShell(processor, manager).run();
    }

    @Override
    public int script(Path file, PrintStream out, PrintStream err) {
        return new ScriptRunner(processor, manager).run(file, out, err);
    }
}
