package org.osmium.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineStatus;
import org.osmium.runtime.ModelInfo;

/** A machine kept in memory for the shell's tests: devices checked against the models, RAM bytes, a hart's pc. */
final class InMemoryMachine implements Machine {
    private final String name;
    private final Map<String, DeviceInfo> devices = new LinkedHashMap<>();
    private final CompletableFuture<Integer> powerOff = new CompletableFuture<>();
    private volatile MachineStatus status = MachineStatus.CREATED;
    private long pc = 0x1000;
    private Path loaded;

    InMemoryMachine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MachineStatus status() {
        return status;
    }

    @Override
    public synchronized List<DeviceInfo> devices() {
        return List.copyOf(devices.values());
    }

    @Override
    public synchronized void add(String model, String id, Map<String, String> properties) throws MachineException {
        ModelInfo info = InMemoryMachineManager.MODELS.stream().filter(m -> m.type().equals(model.split(":")[0])).findFirst()
                .orElseThrow(() -> new MachineException("unknown model '" + model + "'"));
        if (devices.containsKey(id)) {
            throw new MachineException("duplicate id '" + id + "'");
        }
        devices.put(id, device(info, id, check(info, properties, new LinkedHashMap<>())));
    }

    private static Map<String, String> check(ModelInfo info, Map<String, String> properties, Map<String, String> into)
            throws MachineException {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            PropertySpec spec = info.properties().stream().filter(s -> s.name().equals(property.getKey())).findFirst()
                    .orElseThrow(() -> new MachineException("unknown property '" + property.getKey() + "' of " + info.type()));
            try {
                into.put(spec.name(), spec.type().format(spec.type().parse(property.getValue())));
            } catch (IllegalArgumentException e) {
                throw new MachineException("property '" + spec.name() + "': " + e.getMessage());
            }
        }
        return into;
    }

    private static DeviceInfo device(ModelInfo info, String id, Map<String, String> properties) {
        List<String> regions = new ArrayList<>();
        if (properties.containsKey("base")) {
            long base = Long.decode(properties.get("base"));
            long size = info.type().equals("ram") ? ram(properties).length : 0x100;
            regions.add(info.type() + " 0x" + Long.toHexString(base) + "-0x" + Long.toHexString(base + size - 1));
        }
        return new DeviceInfo(id, info.type(), info.version(), properties, regions, new ArrayList<>(), null);
    }

    private static byte[] ram(Map<String, String> properties) {
        String size = properties.getOrDefault("size", "1M");
        return new byte[(int) (long) (Long) PropertyType.SIZE.parse(size)];
    }

    @Override
    public synchronized void remove(String id) throws MachineException {
        device(id);
        devices.remove(id);
    }

    private DeviceInfo device(String id) throws MachineException {
        DeviceInfo device = devices.get(id);
        if (device == null) {
            throw new MachineException("no device '" + id + "'");
        }
        return device;
    }

    @Override
    public synchronized void set(String id, Map<String, String> properties) throws MachineException {
        DeviceInfo device = device(id);
        ModelInfo info = InMemoryMachineManager.MODELS.stream().filter(m -> m.type().equals(device.model())).findFirst().orElseThrow();
        devices.put(id, device(info, id, check(info, properties, new LinkedHashMap<>(device.properties()))));
    }

    @Override
    public synchronized void wire(String output, String input) throws MachineException {
        device(output.split("\\.")[0]).wires().add(output.substring(output.indexOf('.') + 1) + " -> " + input);
    }

    @Override
    public void load(Path file, Long address) throws MachineException {
        if (!Files.isRegularFile(file)) {
            throw new MachineException(file + ": no such file");
        }
        loaded = file;
        pc = address == null ? 0x80000000L : address;
    }

    @Override
    public void boot(BootSpec spec) throws MachineException {
        load(spec.kernel() != null ? spec.kernel() : spec.firmware(), null);
    }

    @Override
    public byte[] deviceTree() {
        return new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed};
    }

    Path loaded() {
        return loaded;
    }

    @Override
    public void start() throws MachineException {
        if (status != MachineStatus.CREATED) {
            throw new MachineException(name + " is already started");
        }
        status = MachineStatus.RUNNING;
    }

    @Override
    public void pause() {
        status = MachineStatus.PAUSED;
    }

    @Override
    public void resume() {
        status = MachineStatus.RUNNING;
    }

    @Override
    public void reset() {
        pc = 0x1000;
    }

    @Override
    public synchronized long step(long count) {
        pc += 4 * count;
        return count;
    }

    @Override
    public synchronized Map<String, Long> registers(String hartId) throws MachineException {
        if (hartId != null && !hartId.equals("hart0")) {
            throw new MachineException("no hart '" + hartId + "'; harts: hart0");
        }
        Map<String, Long> registers = new LinkedHashMap<>();
        registers.put("pc", pc);
        for (int i = 1; i < 6; i++) {
            registers.put("x" + i, (long) i * 0x11);
        }
        return registers;
    }

    @Override
    public byte[] readMemory(long address, int length) throws MachineException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            if (address + i < 0x80000000L || address + i >= 0x80100000L) {
                throw new MachineException("no memory at 0x" + Long.toHexString(address + i));
            }
            bytes[i] = (byte) (address + i);
        }
        return bytes;
    }

    @Override
    public synchronized String state(String id) throws MachineException {
        return device(id).model() + " state v1\nscratch=0x5a";
    }

    @Override
    public OptionalInt awaitPowerOff(Duration timeout) throws InterruptedException {
        try {
            return OptionalInt.of(timeout == null ? powerOff.get() : powerOff.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a thread waits in {@link #awaitPowerOff}. */
    boolean hasWaiter() {
        return powerOff.getNumberOfDependents() > 0;
    }

    /** The guest powers off with {@code exitStatus}. */
    void powerOff(int exitStatus) {
        status = MachineStatus.POWERED_OFF;
        powerOff.complete(exitStatus);
    }

    @Override
    public OptionalInt exitStatus() {
        return powerOff.isDone() ? OptionalInt.of(powerOff.join()) : OptionalInt.empty();
    }

    @Override
    public String swap(String id, String modelSpec) throws MachineException {
        DeviceInfo device = device(id);
        return "swapped " + id + ": " + device.model() + " " + device.version() + " -> " + (modelSpec == null ? device.version() : modelSpec);
    }

    @Override
    public String reload(String id) throws MachineException {
        return "reloaded " + device(id).model() + " for " + id;
    }

    @Override
    public synchronized String boardText() {
        return devices.values().stream().map(device -> "add " + device.model() + " " + device.id() + " "
                + device.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void save(Path file) throws MachineException {
        try {
            Files.writeString(file, boardText());
        } catch (IOException e) {
            throw new MachineException(file + ": cannot write");
        }
    }
}
