package org.osmium.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;
import org.osmium.runtime.MachineStatus;

/**
 * {@code machine:wait}: a Gogo {@link Function} of its own, because Gogo would call {@code Object.wait()} for a
 * method named {@code wait}. A guest that powers off with a non-zero status fails the command.
 */
@Component(service = Object.class)
@GogoCommand(scope = CommandCatalog.MACHINE_SCOPE, function = "wait")
public final class WaitCommand implements Function {
    private final MachineManager manager;

    @Activate
    public WaitCommand(@Reference MachineManager manager) {
        this.manager = manager;
    }

    @Override
    @Descriptor("wait until the current machine's guest powers off (fails on a non-zero exit status), or for MS ms")
    @Usage(syntax = "wait [MS]", arguments = "MS  wait at most this many milliseconds; still running then is no failure",
            examples = {"wait", "wait 500"})
    public Object execute(CommandSession session, List<Object> arguments) throws MachineException {
        Arguments args = Arguments.of("wait", arguments.toArray(), 0, 1);
        Duration timeout = args.size() == 1 ? Duration.ofMillis(args.integer(0, "MS", 0)) : null;
        Machine machine = CurrentMachine.get(manager, session);
        if (timeout == null && machine.status() == MachineStatus.CREATED) {
            throw new MachineException(machine.name() + " has not been started, so it cannot power off; machine:start it first");
        }
        OptionalInt exitStatus;
        try {
            exitStatus = machine.awaitPowerOff(timeout);
        } catch (InterruptedException e) {
            throw new MachineException("machine:wait interrupted; " + machine.name() + " is " + MachineCommands.status(machine));
        }
        if (exitStatus.isEmpty()) {
            return machine.name() + " is " + MachineCommands.status(machine) + " after " + timeout.toMillis() + " ms";
        }
        if (exitStatus.getAsInt() != 0) {
            throw new MachineException(machine.name() + ": the guest powered off with exit status " + exitStatus.getAsInt());
        }
        return machine.name() + " powered off with exit status 0";
    }
}
