package org.osmium.runtime;

import java.util.List;
import java.util.Map;

/** The runtime's service: creates, finds and destroys machines; lists models and built-in boards. */
public interface MachineManager {
    /**
     * Creates a machine from a built-in board name or a board file path; {@code board} null makes an empty machine.
     *
     * @throws MachineException naming the board, or the file and line of a bad board file line
     */
    default Machine create(String name, String board) throws MachineException {
        return create(name, board, Map.of());
    }

    /**
     * Creates a machine from a board as {@link #create(String, String)} does, with {@code properties} (by device id)
     * added to or replacing those of the board's devices before the devices are made, as QEMU's {@code -m} sizes the
     * RAM of its board: nothing is made twice.
     *
     * @throws MachineException also for a device id that the board does not add
     */
    Machine create(String name, String board, Map<String, Map<String, String>> properties) throws MachineException;

    /** The named machine; an unknown name is refused with the names that exist. */
    Machine machine(String name) throws MachineException;

    List<Machine> machines();

    /** Stops the machine, closes its devices and backends (flushing guest output) and forgets it. */
    void destroy(String name) throws MachineException;

    List<ModelInfo> models();

    /** Names of the built-in boards. */
    List<String> boards();

    /** Registers a listener for asynchronous notices (a machine paused because a model went away, and so on). */
    void addNoticeListener(java.util.function.Consumer<String> listener);

    void removeNoticeListener(java.util.function.Consumer<String> listener);
}
