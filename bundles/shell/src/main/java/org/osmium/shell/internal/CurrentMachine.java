package org.osmium.shell.internal;

import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;

/**
 * The machine a shell session works on: the one named by the session variable {@code MACHINE} (set by create and
 * use), else the last one created.
 */
final class CurrentMachine {
    /** The Gogo session variable that names the current machine. */
    static final String VARIABLE = "MACHINE";

    private CurrentMachine() {
    }

    /** The current machine, if there is any machine at all. */
    static Optional<Machine> find(MachineManager manager, CommandSession session) {
        List<Machine> machines = manager.machines();
        Object name = session == null ? null : session.get(VARIABLE);
        return machines.stream().filter(machine -> machine.name().equals(name)).findFirst()
                .or(() -> machines.isEmpty() ? Optional.empty() : Optional.of(machines.get(machines.size() - 1)));
    }

    /** The current machine; refused when there is none. */
    static Machine get(MachineManager manager, CommandSession session) throws MachineException {
        return find(manager, session).orElseThrow(
                () -> new MachineException("no machine yet: create one with machine:create [NAME] [BOARD|FILE]"));
    }

    /** The machine {@code name}, or the current one when {@code name} is null. */
    static Machine named(MachineManager manager, CommandSession session, String name) throws MachineException {
        return name == null ? get(manager, session) : manager.machine(name);
    }

    /** Makes {@code machine} the session's current machine. */
    static void select(CommandSession session, Machine machine) {
        if (session != null) {
            session.put(VARIABLE, machine.name());
        }
    }
}
