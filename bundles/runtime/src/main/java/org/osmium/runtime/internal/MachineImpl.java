package org.osmium.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osmium.api.cpu.Hart;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.Timebase;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;
import org.osmium.api.state.StateRecord;
import org.osmium.loader.LoadedImage;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineStatus;
import org.osmium.runtime.chardev.ChardevPort;

/**
 * One machine: its slots, bus, clock and execution loop. Control operations are serialized on {@code control};
 * the guest runs on the loop's thread, which never takes that lock. Every change is checked before it is made.
 */
final class MachineImpl implements Machine {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    /** The device whose node {@code /chosen/stdout-path} names: the first UART of the built-in boards. */
    private static final String STDOUT_DEVICE = "uart0";
    /** The model of an empty virtio-mmio transport, which a virtio device added without a base address replaces. */
    private static final String EMPTY_VIRTIO_SLOT = "virtio-mmio";

    private final String name;
    private final MachineManagerImpl manager;
    private final Object control = new Object();
    private final MachineClock clock = new MachineClock();
    private final Timebase timebase = new Timebase(clock, DeviceTreeGenerator.TIMEBASE_HZ);
    private final ExecutionLoop loop;
    private final InstanceInstaller instances;
    private final Bus bus;
    private final Map<String, DeviceSlot> slots = new LinkedHashMap<>();
    private final CountDownLatch poweredOff = new CountDownLatch(1);
    private final MachineControl machineControl = new MachineControl() {
        @Override
        public void powerOff(int exitStatus) {
            MachineImpl.this.powerOff(exitStatus);
        }

        @Override
        public void reset() {
            stopHarts();
            loop.execute(MachineImpl.this::resetAll);
        }
    };
    private volatile MachineStatus status = MachineStatus.CREATED;
    private volatile Integer exitStatus;
    private volatile Hart[] harts = new Hart[0];
    private BootImages bootImages;
    private boolean resumeWhenModelsReturn;
    private volatile boolean devicesClosed;
    private long pausedSince;

    MachineImpl(String name, MachineManagerImpl manager) {
        this.name = name;
        this.manager = manager;
        this.bus = new Bus(new Bus.AddressSpaceListener() {
            @Override
            public void codeModified(long address, long length) {
                for (Hart hart : harts) {
                    hart.invalidateCode(address, length);
                }
            }

            @Override
            public void mappingChanged() {
                for (Hart hart : harts) {
                    hart.memoryMapChanged();
                }
            }
        });
        this.loop = new ExecutionLoop(clock, this::failed);
        this.instances = new InstanceInstaller(this, slots.values(), this::refreshHarts);
    }

    MachineClock clock() {
        return clock;
    }

    Timebase timebase() {
        return timebase;
    }

    Bus bus() {
        return bus;
    }

    ExecutionLoop loop() {
        return loop;
    }

    MachineControl control() {
        return machineControl;
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
    public List<DeviceInfo> devices() {
        synchronized (control) {
            List<DeviceInfo> infos = new ArrayList<>();
            for (DeviceSlot slot : slots.values()) {
                List<String> regions = bus.mappingsOf(slot.id).stream().map(Bus.Mapping::describe).toList();
                List<String> wires = new ArrayList<>();
                slot.outputs.forEach((output, line) -> line.targets()
                        .forEach(target -> wires.add(output + " -> " + target.slot().id + "." + target.input())));
                infos.add(new DeviceInfo(slot.id, slot.model.type(), slot.model.version().toString(),
                        slot.configuration.asText(), regions, wires, slot.isWaiting() ? slot.model.type() : null));
            }
            return infos;
        }
    }

    @Override
    public void add(String model, String id, Map<String, String> properties) throws MachineException {
        synchronized (control) {
            requireNotPoweredOff();
            if (id == null || !ID.matcher(id).matches()) {
                throw new MachineException("bad device id '" + id + "': use a letter, then letters, digits, '-' or '_'");
            }
            if (slots.containsKey(id)) {
                throw new MachineException("device id '" + id + "' is already used in machine " + name + " (by "
                        + slots.get(id).model.type() + ")");
            }
            ModelEntry entry = manager.registry().resolve(model);
            DeviceSlot freeSlot = freeVirtioSlot(entry, properties);
            if (freeSlot != null) {
                plug(freeSlot, model, id, properties);
                return;
            }
            Configuration configuration = validate(entry, id, properties);
            DeviceSlot slot = new DeviceSlot(id, entry, configuration);
            openPorts(slot);
            try {
                withPaused(() -> instances.install(slot, entry, configuration, null));
            } catch (MachineException e) {
                slot.ports.values().forEach(ChardevPort::close);
                throw e;
            }
            slots.put(id, slot);
            refreshHarts();
        }
    }

    /**
     * The highest empty virtio-mmio transport when a virtio device is added without a base address (QEMU fills the
     * virt board's slots from the top), or null.
     */
    private DeviceSlot freeVirtioSlot(ModelEntry entry, Map<String, String> properties) {
        if (properties.containsKey("base") || !entry.type().startsWith("virtio-") || entry.type().equals(EMPTY_VIRTIO_SLOT)) {
            return null;
        }
        DeviceSlot highest = null;
        for (DeviceSlot slot : slots.values()) {
            if (slot.model.type().equals(EMPTY_VIRTIO_SLOT) && (highest == null || slot.base() > highest.base())) {
                highest = slot;
            }
        }
        return highest;
    }

    /** Puts a new device in place of an empty slot: same base, same interrupt wiring; the slot comes back on failure. */
    private void plug(DeviceSlot emptySlot, String model, String id, Map<String, String> properties) throws MachineException {
        Map<String, String> placed = new LinkedHashMap<>(properties);
        placed.put("base", "0x" + Long.toHexString(emptySlot.base()));
        Map<String, List<String>> wiring = new LinkedHashMap<>();
        emptySlot.outputs.forEach((output, line) -> wiring.put(output,
                line.targets().stream().map(target -> target.slot().id + "." + target.input()).toList()));
        Map<String, String> slotProperties = emptySlot.configuration.asText();
        remove(emptySlot.id);
        try {
            add(model, id, placed);
            for (Map.Entry<String, List<String>> output : wiring.entrySet()) {
                for (String input : output.getValue()) {
                    wire(id + "." + output.getKey(), input);
                }
            }
        } catch (MachineException e) {
            if (slots.containsKey(id)) {
                remove(id);
            }
            add(EMPTY_VIRTIO_SLOT, emptySlot.id, slotProperties);
            for (Map.Entry<String, List<String>> output : wiring.entrySet()) {
                for (String input : output.getValue()) {
                    wire(emptySlot.id + "." + output.getKey(), input);
                }
            }
            throw e;
        }
    }

    private Configuration validate(ModelEntry entry, String id, Map<String, String> properties) throws MachineException {
        try {
            return entry.model().schema().validate(id + " (" + entry.type() + ")", properties);
        } catch (ModelException e) {
            throw new MachineException(e.getMessage());
        }
    }

    private void openPorts(DeviceSlot slot) throws MachineException {
        for (PropertySpec spec : slot.model.model().schema().specs()) {
            if (spec.type() == PropertyType.CHARDEV) {
                String chardev = slot.configuration.getString(spec.name());
                try {
                    slot.ports.put(spec.name(), new ChardevPort(slot.id + "." + spec.name(), chardev, loop,
                            this::quitFromConsole));
                } catch (IOException | RuntimeException e) {
                    slot.ports.values().forEach(ChardevPort::close);
                    throw new MachineException(slot.id + ": chardev '" + chardev + "' cannot be opened: " + e.getMessage());
                }
            }
        }
    }

    private void refreshHarts() {
        List<Hart> list = new ArrayList<>();
        for (DeviceSlot slot : slots.values()) {
            if (slot.instance instanceof Hart hart) {
                list.add(hart);
            }
        }
        harts = list.toArray(Hart[]::new);
        loop.setHarts(harts);
    }

    @Override
    public void remove(String id) throws MachineException {
        synchronized (control) {
            DeviceSlot slot = slot(id);
            withPaused(() -> {
                for (DeviceSlot other : slots.values()) {
                    other.outputs.values().forEach(line -> line.disconnectFrom(slot));
                }
                if (slot.instance != null) {
                    slot.context.detach();
                    InstanceInstaller.closeQuietly(slot.instance);
                }
                bus.unmap(id);
                slots.remove(id);
                refreshHarts();
            });
            slot.ports.values().forEach(ChardevPort::close);
        }
    }

    @Override
    public void set(String id, Map<String, String> properties) throws MachineException {
        synchronized (control) {
            requireNotPoweredOff();
            DeviceSlot slot = slot(id);
            Map<String, String> merged = new LinkedHashMap<>(slot.configuration.asText());
            merged.putAll(properties);
            Configuration configuration = validate(slot.model, id, merged);
            List<String> changedLive = new ArrayList<>();
            boolean needsNewInstance = false;
            for (String property : properties.keySet()) {
                if (configuration.asText().get(property).equals(slot.configuration.asText().get(property))) {
                    continue;
                }
                PropertySpec spec = slot.model.model().schema().find(property);
                if (spec.live() && spec.type() == PropertyType.CHARDEV) {
                    changedLive.add(property);
                } else if (status == MachineStatus.RUNNING) {
                    throw new MachineException(id + ": property '" + property + "' cannot change while the machine runs; "
                            + "pause it first (live properties of " + slot.model.type() + ": " + liveProperties(slot) + ")");
                } else {
                    needsNewInstance = true;
                }
            }
            if (needsNewInstance) {
                if (slot.isWaiting()) {
                    throw new MachineException(id + " waits for model " + slot.model.type() + "; it cannot be changed now");
                }
                // before the first start the instance is rebuilt from reset, as hardware configured before power-on;
                // later it keeps its state, which the model may refuse for the new configuration (a RAM size)
                StateRecord state = status == MachineStatus.CREATED ? null : slot.instance.saveState();
                withPaused(() -> instances.install(slot, slot.model, configuration, state));
            }
            for (String property : changedLive) {
                String chardev = configuration.getString(property);
                try {
                    slot.ports.get(property).retarget(chardev);
                } catch (IOException e) {
                    throw new MachineException(id + ": chardev '" + chardev + "' cannot be opened: " + e.getMessage());
                }
            }
            slot.configuration = configuration;
        }
    }

    private static String liveProperties(DeviceSlot slot) {
        List<String> live = slot.model.model().schema().specs().stream().filter(PropertySpec::live).map(PropertySpec::name).toList();
        return live.isEmpty() ? "none" : String.join(", ", live);
    }

    @Override
    public void wire(String output, String input) throws MachineException {
        synchronized (control) {
            String[] from = splitPort(output, "output");
            String[] to = splitPort(input, "input");
            DeviceSlot source = slot(from[0]);
            DeviceSlot target = slot(to[0]);
            if (target.instance != null && !target.instance.inputs().containsKey(to[1])) {
                throw new MachineException(input + ": " + target.id + " (" + target.model.type() + ") has no input '" + to[1]
                        + "'; inputs: " + (target.instance.inputs().isEmpty() ? "none" : String.join(", ", target.instance.inputs().keySet())));
            }
            for (OutputLine line : source.outputs.values()) {
                for (OutputLine.Target wired : line.targets()) {
                    if (wired.slot() == target && wired.input().equals(to[1])) {
                        throw new MachineException(input + " is already wired");
                    }
                }
            }
            withPaused(() -> source.output(from[1]).connect(target, to[1]));
        }
    }

    private static String[] splitPort(String text, String role) throws MachineException {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new MachineException("bad " + role + " '" + text + "': write DEVICE." + role.toUpperCase() + ", e.g. uart0.irq or plic0.10");
        }
        return new String[] {text.substring(0, dot), text.substring(dot + 1)};
    }

    @Override
    public void load(Path file, Long address) throws MachineException {
        synchronized (control) {
            requireNotPoweredOff();
            LoadedImage image = BootPlanner.image(file, address, bus.mainRam());
            BootImages images = new BootImages(List.of(image), image.entry(), 0);
            withPaused(() -> {
                images.placeInto(bus, file.toString());
                bootImages = images;
                images.startHarts(harts);
            });
        }
    }

    @Override
    public void boot(BootSpec spec) throws MachineException {
        synchronized (control) {
            requireNotPoweredOff();
            requireNoneWaiting();
            RamRange ram = bus.mainRam();
            if (ram == null) {
                throw new MachineException("machine " + name + " has no RAM to boot from; add one, e.g. add ram ram0");
            }
            if (harts.length == 0) {
                throw new MachineException("machine " + name + " has no hart; add one, e.g. add rv64gc hart0");
            }
            long resetPc = harts[0].registers().get("pc");
            RamRange rom = bus.ramRange(resetPc);
            boolean romPresent = rom != null && !rom.equals(ram) && rom.contains(resetPc + BootPlanner.RESET_ROM_SIZE - 1);
            BootImages images = BootPlanner.plan(spec, ram, resetPc, romPresent,
                    chosen -> DeviceTreeGenerator.generate(List.copyOf(slots.values()), bus, chosen).toBlob(harts[0].hartId()),
                    STDOUT_DEVICE);
            withPaused(() -> {
                images.placeInto(bus, "boot image");
                bootImages = images;
                images.startHarts(harts);
            });
        }
    }

    @Override
    public byte[] deviceTree() throws MachineException {
        synchronized (control) {
            requireNoneWaiting();
            byte[][] blob = new byte[1][];
            withPaused(() -> blob[0] = DeviceTreeGenerator.generate(List.copyOf(slots.values()), bus,
                    new DeviceTreeGenerator.Chosen(null, 0, 0, STDOUT_DEVICE)).toBlob(harts.length == 0 ? 0 : harts[0].hartId()));
            return blob[0];
        }
    }

    @Override
    public void start() throws MachineException {
        synchronized (control) {
            if (status != MachineStatus.CREATED) {
                throw new MachineException("machine " + name + " is " + status.name().toLowerCase().replace('_', ' ')
                        + (status == MachineStatus.PAUSED ? "; use resume" : "; it can be started only once"));
            }
            if (harts.length == 0) {
                throw new MachineException("machine " + name + " has no hart; add one, e.g. add rv64gc hart0");
            }
            requireNoneWaiting();
            loop.startThread(name);
            status = MachineStatus.RUNNING;
            loop.resume();
        }
    }

    @Override
    public void pause() throws MachineException {
        synchronized (control) {
            if (status != MachineStatus.RUNNING) {
                throw new MachineException("machine " + name + " is not running (" + describeStatus() + ")");
            }
            loop.pause();
            status = MachineStatus.PAUSED;
        }
    }

    @Override
    public void resume() throws MachineException {
        synchronized (control) {
            if (status != MachineStatus.PAUSED) {
                throw new MachineException("machine " + name + " is not paused (" + describeStatus() + ")");
            }
            requireNoneWaiting();
            status = MachineStatus.RUNNING;
            resumeWhenModelsReturn = false;
            loop.resume();
        }
    }

    private String describeStatus() {
        return status.name().toLowerCase().replace('_', ' ');
    }

    @Override
    public void reset() throws MachineException {
        synchronized (control) {
            requireNoneWaiting();
            withPaused(this::resetAll);
            if (status == MachineStatus.POWERED_OFF) {
                throw new MachineException("machine " + name + " powered off; create it again to run it again");
            }
        }
    }

    /** Resets every device and hart and loads the boot image again, as QEMU's system reset does. */
    private void resetAll() {
        timebase.setOffset(0);
        for (DeviceSlot slot : slots.values()) {
            if (slot.instance != null) {
                slot.instance.reset();
            }
        }
        if (bootImages != null) {
            try {
                bootImages.placeInto(bus, "boot image");
            } catch (MachineException e) {
                failed(new IllegalStateException(e.getMessage()));
                return;
            }
            bootImages.startHarts(harts);
        }
    }

    @Override
    public long step(long count) throws MachineException {
        synchronized (control) {
            if (status == MachineStatus.RUNNING || status == MachineStatus.POWERED_OFF) {
                throw new MachineException("machine " + name + " is " + describeStatus() + "; step works on a paused machine");
            }
            requireNoneWaiting();
            long retired = 0;
            for (Hart hart : harts) {
                retired += hart.run(count);
            }
            return retired;
        }
    }

    @Override
    public Map<String, Long> registers(String hartId) throws MachineException {
        synchronized (control) {
            Hart hart = null;
            if (hartId == null) {
                if (harts.length == 0) {
                    throw new MachineException("machine " + name + " has no hart");
                }
                hart = harts[0];
            } else if (slot(hartId).instance instanceof Hart found) {
                hart = found;
            } else {
                throw new MachineException(hartId + " is not a hart (or waits for its model)");
            }
            Hart chosen = hart;
            Map<String, Long>[] result = new Map[1];
            withPaused(() -> result[0] = new LinkedHashMap<>(chosen.registers()));
            return result[0];
        }
    }

    @Override
    public byte[] readMemory(long address, int length) throws MachineException {
        synchronized (control) {
            byte[] bytes = new byte[length];
            withPaused(() -> {
                for (int i = 0; i < length; i++) {
                    try {
                        bytes[i] = (byte) bus.read(address + i, 1);
                    } catch (AccessFault e) {
                        throw new MachineException("cannot read memory: " + e.getMessage());
                    }
                }
            });
            return bytes;
        }
    }

    @Override
    public String state(String id) throws MachineException {
        synchronized (control) {
            DeviceSlot slot = slot(id);
            if (slot.isWaiting()) {
                return "waiting for model " + slot.model.type() + "; saved state: " + slot.savedState;
            }
            String[] text = new String[1];
            withPaused(() -> text[0] = slot.instance.saveState().toString());
            return text[0];
        }
    }

    @Override
    public OptionalInt awaitPowerOff(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            poweredOff.await();
        } else if (!poweredOff.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return OptionalInt.empty();
        }
        return exitStatus();
    }

    @Override
    public OptionalInt exitStatus() {
        Integer value = exitStatus;
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public String swap(String id, String modelSpec) throws MachineException {
        synchronized (control) {
            DeviceSlot slot = slot(id);
            if (slot.isWaiting()) {
                throw new MachineException(id + " waits for model " + slot.model.type() + "; it swaps in by itself when one appears");
            }
            ModelEntry entry = modelSpec == null ? manager.registry().newest(slot.model.type()) : manager.registry().resolve(modelSpec);
            if (entry == null) {
                throw new MachineException("no model '" + slot.model.type() + "' is registered now");
            }
            Configuration configuration = validate(entry, id, slot.configuration.asText());
            String before = slot.model.label();
            long started = System.nanoTime();
            withPaused(() -> instances.install(slot, entry, configuration, slot.instance.saveState()));
            return swapLine(id, before, entry.label(), System.nanoTime() - started);
        }
    }

    private static String swapLine(String id, String before, String after, long stoodStillNanos) {
        return String.format("%s: %s -> %s, guest stood still %.3f ms", id, before, after, stoodStillNanos / 1e6);
    }

    @Override
    public String reload(String id) throws MachineException {
        ModelEntry entry;
        synchronized (control) {
            DeviceSlot slot = slot(id);
            entry = slot.model;
            if (entry.bundle() == null) {
                throw new MachineException(id + ": model " + entry.label() + " comes from no bundle that can be reloaded");
            }
        }
        long started = System.nanoTime();
        manager.updateBundle(entry.bundle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (control) {
                DeviceSlot slot = slots.get(id);
                if (slot != null && !slot.isWaiting() && slot.model.serviceId() != entry.serviceId()) {
                    return swapLine(id, entry.label(), slot.model.label(), System.nanoTime() - started) + " (bundle "
                            + entry.bundle().getSymbolicName() + " reloaded from " + entry.bundle().getLocation() + ")";
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new MachineException(id + ": bundle " + entry.bundle().getSymbolicName() + " was updated but no model "
                + entry.type() + " took over within 10 s; the machine stays paused");
    }

    @Override
    public String boardText() {
        synchronized (control) {
            StringBuilder text = new StringBuilder("# Osmium board file (machine ").append(name).append(")\n");
            for (DeviceSlot slot : slots.values()) {
                text.append("add ").append(slot.model.type()).append(' ').append(slot.id);
                slot.configuration.asText().forEach((key, value) -> text.append(' ').append(key).append('=').append(BoardFile.quote(value)));
                text.append('\n');
            }
            for (DeviceSlot slot : slots.values()) {
                slot.outputs.forEach((output, line) -> line.targets().forEach(target -> text.append("wire ").append(slot.id)
                        .append('.').append(output).append(' ').append(target.slot().id).append('.').append(target.input()).append('\n')));
            }
            return text.toString();
        }
    }

    @Override
    public void save(Path file) throws MachineException {
        try {
            Files.writeString(file, boardText());
        } catch (IOException e) {
            throw new MachineException(file + ": cannot write: " + e.getMessage());
        }
    }

    /** The bundle of a model in use went away: pause, keep each affected instance's state, and wait for a model. */
    void modelVanished(ModelEntry gone) {
        synchronized (control) {
            List<DeviceSlot> affected = slots.values().stream()
                    .filter(slot -> !slot.isWaiting() && slot.model.serviceId() == gone.serviceId()).toList();
            if (affected.isEmpty() || status == MachineStatus.POWERED_OFF) {
                return;
            }
            if (status == MachineStatus.RUNNING) {
                loop.pause();
                status = MachineStatus.PAUSED;
                resumeWhenModelsReturn = true;
                pausedSince = System.nanoTime();
            }
            for (DeviceSlot slot : affected) {
                try {
                    slot.savedState = slot.instance.saveState();
                } catch (RuntimeException e) {
                    manager.notice("machine " + name + ": " + slot.id + " could not save its state (" + e + "); it restarts from reset");
                }
                instances.retire(slot);
            }
            manager.notice("machine " + name + " paused: " + String.join(", ", affected.stream().map(slot -> slot.id).toList())
                    + " waits for model " + gone.type() + " (" + gone.origin() + " went away)");
        }
    }

    /** A model appeared: slots waiting for its type take it, and the machine resumes once none waits. */
    void modelAppeared(ModelEntry arrived) {
        synchronized (control) {
            List<String> swapped = new ArrayList<>();
            for (DeviceSlot slot : slots.values()) {
                if (slot.isWaiting() && slot.model.type().equals(arrived.type())) {
                    try {
                        Configuration configuration = validate(arrived, slot.id, slot.configuration.asText());
                        instances.install(slot, arrived, configuration, slot.savedState);
                        swapped.add(slot.id);
                    } catch (MachineException e) {
                        manager.notice("machine " + name + " stays paused: " + e.getMessage());
                    }
                }
            }
            if (swapped.isEmpty() || slots.values().stream().anyMatch(DeviceSlot::isWaiting)) {
                return;
            }
            if (resumeWhenModelsReturn) {
                resumeWhenModelsReturn = false;
                status = MachineStatus.RUNNING;
                loop.resume();
                manager.notice(String.format("machine %s resumed: %s now %s, guest stood still %.3f ms", name,
                        String.join(", ", swapped), arrived.label(), (System.nanoTime() - pausedSince) / 1e6));
            }
        }
    }

    /** A Java exception escaped a model on the execution thread: the machine pauses, inspectable. */
    private void failed(RuntimeException error) {
        status = MachineStatus.PAUSED;
        StackTraceElement[] trace = error.getStackTrace();
        manager.notice("machine " + name + " paused: a model failed: " + error
                + (trace.length > 0 ? " at " + trace[0] : "") + "; inspect it with machine:regs and machine:mem");
    }

    /** {@code Ctrl-A x} on the stdio console: power off at the next instruction boundary, as QEMU quits. */
    private void quitFromConsole() {
        loop.execute(() -> {
            powerOff(0);
            System.err.println("Osmium: Terminated");
        });
    }

    private void powerOff(int status) {
        if (exitStatus != null) {
            return;
        }
        exitStatus = status;
        this.status = MachineStatus.POWERED_OFF;
        stopHarts();
        loop.stop();
        closeDevices();
        flushPorts();
        poweredOff.countDown();
    }

    private void stopHarts() {
        for (Hart hart : harts) {
            hart.stopRun();
        }
    }

    private void flushPorts() {
        for (DeviceSlot slot : slots.values()) {
            slot.ports.values().forEach(ChardevPort::flush);
        }
    }

    /**
     * Releases the host resources of every instance (disk images flushed and closed, timers cancelled), once: at power
     * off and when the machine is destroyed. The instances stay in their slots for inspection.
     */
    private void closeDevices() {
        if (devicesClosed) {
            return;
        }
        devicesClosed = true;
        for (DeviceSlot slot : slots.values()) {
            if (slot.instance != null) {
                slot.context.detach();
                InstanceInstaller.closeQuietly(slot.instance);
            }
        }
    }

    /** Stops the guest and releases every instance and backend (output flushed). */
    void close() {
        loop.stop();
        synchronized (control) {
            closeDevices();
            for (DeviceSlot slot : slots.values()) {
                slot.ports.values().forEach(ChardevPort::close);
            }
            poweredOff.countDown();
        }
    }

    private DeviceSlot slot(String id) throws MachineException {
        DeviceSlot slot = slots.get(id);
        if (slot == null) {
            throw new MachineException("machine " + name + " has no device '" + id + "'; devices: "
                    + (slots.isEmpty() ? "none" : String.join(", ", slots.keySet())));
        }
        return slot;
    }

    private void requireNotPoweredOff() throws MachineException {
        if (status == MachineStatus.POWERED_OFF) {
            throw new MachineException("machine " + name + " powered off");
        }
    }

    private void requireNoneWaiting() throws MachineException {
        for (DeviceSlot slot : slots.values()) {
            if (slot.isWaiting()) {
                throw new MachineException(slot.id + " waits for model " + slot.model.type() + " (its bundle went away)");
            }
        }
    }

    /** An action on the machine's parts, run while the guest stands still. */
    private interface PausedAction {
        void run() throws MachineException;
    }

    private void withPaused(PausedAction action) throws MachineException {
        boolean wasRunning = status == MachineStatus.RUNNING;
        if (wasRunning) {
            loop.pause();
        }
        try {
            action.run();
        } finally {
            if (wasRunning && status == MachineStatus.RUNNING) {
                loop.resume();
            }
        }
    }
}
