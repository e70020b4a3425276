package org.osmium.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;
import org.osmium.runtime.ModelInfo;

/** A small MachineManager kept in memory, with the models and the virt board of the real runtime, for the shell's tests. */
final class InMemoryMachineManager implements MachineManager {
    static final List<ModelInfo> MODELS = List.of(
            new ModelInfo("ram", "device", "0.1.0", "RAM", List.of(
                    PropertySpec.required("base", PropertyType.ADDRESS, null, "where it starts"),
                    PropertySpec.optional("size", PropertyType.SIZE, "128M", "bytes", "how big"))),
            new ModelInfo("ns16550a", "device", "0.1.0", "16550A UART", List.of(
                    PropertySpec.required("base", PropertyType.ADDRESS, null, "register base"),
                    PropertySpec.optional("clock", PropertyType.INTEGER, "3686400", "Hz", "input clock"),
                    PropertySpec.optional("chardev", PropertyType.CHARDEV, "null", null, "backend").liveSettable(),
                    PropertySpec.optional("fifo", PropertyType.BOOLEAN, "on", null, "FIFO enabled"))),
            new ModelInfo("sifive-test", "device", "0.1.0", "SiFive test device", List.of(
                    PropertySpec.required("base", PropertyType.ADDRESS, null, "register base"))),
            new ModelInfo("rv64gc", "cpu", "0.1.0", "RV64GC hart", List.of(
                    PropertySpec.optional("hartid", PropertyType.INTEGER, "0", null, "mhartid"),
                    PropertySpec.optional("reset-pc", PropertyType.ADDRESS, "0x1000", null, "first pc"))));

    static final String VIRT = """
            add ram ram0 base=0x80000000 size=1M
            add rv64gc hart0 hartid=0 reset-pc=0x1000
            add sifive-test test0 base=0x100000
            add ns16550a uart0 base=0x10000000 clock=3686400 chardev=null
            """;

    private final Map<String, InMemoryMachine> machines = new LinkedHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Machine create(String name, String board, Map<String, Map<String, String>> overrides)
            throws MachineException {
        String machineName = name;
        if (machineName == null) {
            int number = 0;
            while (machines.containsKey("m" + number)) {
                number++;
            }
            machineName = "m" + number;
        } else if (machines.containsKey(machineName)) {
            throw new MachineException("machine '" + machineName + "' exists already");
        }
        InMemoryMachine machine = new InMemoryMachine(machineName);
        if (board != null) {
            for (String line : boardText(board).lines().map(String::strip).filter(line -> line.startsWith("add ")).toList()) {
                String[] words = line.split(" ");
                Map<String, String> properties = new LinkedHashMap<>();
                for (int i = 3; i < words.length; i++) {
                    properties.put(words[i].substring(0, words[i].indexOf('=')), words[i].substring(words[i].indexOf('=') + 1));
                }
                properties.putAll(overrides.getOrDefault(words[2], Map.of()));
                machine.add(words[1], words[2], properties);
            }
        }
        machines.put(machineName, machine);
        return machine;
    }

    private String boardText(String board) throws MachineException {
        if (board.equals("virt")) {
            return VIRT;
        }
        try {
            return Files.readString(Path.of(board));
        } catch (IOException e) {
            throw new MachineException("'" + board + "' is neither a built-in board (virt) nor a board file");
        }
    }

    @Override
    public synchronized Machine machine(String name) throws MachineException {
        Machine machine = machines.get(name);
        if (machine == null) {
            throw new MachineException("no machine '" + name + "'; machines: " + String.join(", ", machines.keySet()));
        }
        return machine;
    }

    @Override
    public synchronized List<Machine> machines() {
        return new ArrayList<>(machines.values());
    }

    @Override
    public synchronized void destroy(String name) throws MachineException {
        machine(name);
        machines.remove(name);
    }

    @Override
    public List<ModelInfo> models() {
        return MODELS;
    }

    @Override
    public List<String> boards() {
        return List.of("virt");
    }

    @Override
    public void addNoticeListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeNoticeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Tells every listener, as the runtime does when a model goes away. */
    void notice(String message) {
        listeners.forEach(listener -> listener.accept(message));
    }

    int noticeListenerCount() {
        return listeners.size();
    }
}
