package org.osmium.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osmium.api.model.PropertySpec;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;
import org.osmium.runtime.MachineStatus;
import org.osmium.runtime.ModelInfo;

/**
 * The Gogo commands of scope {@code machine} (all but {@code wait}, see {@link WaitCommand}): each prints one line or
 * a table, and throws the runtime's message when the request is refused.
 */
@Component(service = Object.class)
@GogoCommand(scope = CommandCatalog.MACHINE_SCOPE, function = {"create", "list", "use", "models", "add", "remove", "set",
        "wire", "show", "load", "start", "pause", "resume", "reset", "step", "regs", "mem", "swap", "reload", "save",
        "dtb", "boot", "destroy"})
public final class MachineCommands {
    private static final int MAX_DUMP = 64 * 1024;

    private final MachineManager manager;

    @Activate
    public MachineCommands(@Reference MachineManager manager) {
        this.manager = manager;
    }

    @Descriptor("create a machine, empty or from a built-in board or a board file, and make it current")
    @Usage(syntax = "create [NAME] [BOARD|FILE]", arguments = {
            "NAME        a letter, then letters, digits, '-' or '_' (default: m0, m1, ...)",
            "BOARD|FILE  a built-in board (virt; Tab completes the others) or a board file (default: an empty machine)",
            "with one argument, it is the board if it names a built-in board or a file, else the name"},
            examples = {"create", "create virt", "create demo virt", "create demo my.board"})
    public String create(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("create", arguments, 0, 2);
        String name = null;
        String board = null;
        if (args.size() == 2) {
            name = args.text(0);
            board = args.text(1);
        } else if (args.size() == 1 && isBoard(session, args.text(0))) {
            board = args.text(0);
        } else if (args.size() == 1) {
            name = args.text(0);
        }
        if (board != null && !manager.boards().contains(board)) {
            board = SessionFiles.resolve(session, board).toString();
        }
        Machine machine = manager.create(name, board);
        CurrentMachine.select(session, machine);
        int devices = machine.devices().size();
        return "created machine " + machine.name() + (board == null ? " (empty)" : " from " + board + ": " + devices
                + (devices == 1 ? " device" : " devices"));
    }

    private boolean isBoard(CommandSession session, String word) {
        return manager.boards().contains(word) || SessionFiles.resolve(session, word).toFile().isFile();
    }

    @Descriptor("list the machines with their status; * marks the current one")
    @Usage(syntax = "list", examples = "list")
    public String list(CommandSession session, String... arguments) {
        Arguments.of("list", arguments, 0, 0);
        List<Machine> machines = manager.machines();
        if (machines.isEmpty()) {
            return "no machines; create one with machine:create [NAME] [BOARD|FILE]";
        }
        Machine current = CurrentMachine.find(manager, session).orElse(null);
        TextTable table = new TextTable("", "NAME", "STATUS", "DEVICES");
        for (Machine machine : machines) {
            table.row(machine == current ? "*" : "", machine.name(), status(machine), Integer.toString(machine.devices().size()));
        }
        return table.format();
    }

    @Descriptor("make a machine the current one of this shell session")
    @Usage(syntax = "use NAME", arguments = "NAME  a machine from machine:list", examples = "use demo")
    public String use(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("use", arguments, 1, 1);
        Machine machine = manager.machine(args.text(0));
        CurrentMachine.select(session, machine);
        return "using machine " + machine.name() + " (" + status(machine) + ")";
    }

    @Descriptor("list the CPU and device models, or the properties of one model")
    @Usage(syntax = "models [MODEL]", arguments = "MODEL  a model type: show its properties with type, default and doc",
            examples = {"models", "models ns16550a"})
    public String models(String... arguments) throws MachineException {
        Arguments args = Arguments.of("models", arguments, 0, 1);
        List<ModelInfo> models = manager.models();
        if (args.size() == 1) {
            return properties(model(models, args.text(0)));
        }
        if (models.isEmpty()) {
            return "no models registered (no CPU or device bundle is active)";
        }
        TextTable table = new TextTable("TYPE", "KIND", "VERSION", "DESCRIPTION", "PROPERTIES");
        for (ModelInfo model : models) {
            table.row(model.type(), model.kind(), model.version(), model.description(),
                    model.properties().stream().map(PropertySpec::name).collect(Collectors.joining(" ")));
        }
        return table.format();
    }

    private static ModelInfo model(List<ModelInfo> models, String type) throws MachineException {
        return models.stream().filter(model -> model.type().equals(type)).findFirst().orElseThrow(() -> new MachineException(
                "no model '" + type + "'; models: " + models.stream().map(ModelInfo::type).distinct().collect(Collectors.joining(", "))));
    }

    private static String properties(ModelInfo model) {
        TextTable table = new TextTable("PROPERTY", "TYPE", "DEFAULT", "UNIT", "LIVE", "DOC");
        for (PropertySpec spec : model.properties()) {
            table.row(spec.name(), spec.type().name().toLowerCase(Locale.ROOT),
                    spec.defaultValue() == null ? "(required)" : spec.defaultValue(), spec.unit() == null ? "" : spec.unit(),
                    spec.live() ? "yes" : "no", spec.doc());
        }
        return model.type() + " " + model.version() + " (" + model.kind() + "): " + model.description() + "\n" + table.format();
    }

    @Descriptor("add a device or hart to the current machine")
    @Usage(syntax = "add MODEL[:VERSION] ID [key=value...]", arguments = {
            "MODEL      a model type from machine:models (optionally :VERSION)",
            "ID         a new device id, unique in the machine (uart1, hart1)",
            "key=value  properties of the model (machine:models MODEL lists them); numbers take 0x..., sizes 64K, 128M"},
            examples = {"add ns16550a uart1 base=0x10000100 chardev=null", "add ram ram1 base=0x90000000 size=16M"})
    public String add(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("add", arguments, 2, -1);
        Map<String, String> properties = args.properties(2);
        Machine machine = CurrentMachine.get(manager, session);
        machine.add(args.text(0), args.text(1), properties);
        return "added " + args.text(1) + " to " + machine.name() + ": " + summary(device(machine, args.text(1)));
    }

    @Descriptor("remove a device or hart from the current machine")
    @Usage(syntax = "remove ID", arguments = "ID  a device id from machine:show", examples = "remove uart1")
    public String remove(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("remove", arguments, 1, 1);
        Machine machine = CurrentMachine.get(manager, session);
        machine.remove(args.text(0));
        return "removed " + args.text(0) + " from " + machine.name();
    }

    @Descriptor("change properties of a device; live ones (a UART's chardev) apply while the guest runs")
    @Usage(syntax = "set ID key=value...", arguments = {"ID         a device id from machine:show",
            "key=value  properties of the device's model (machine:models MODEL lists them)"},
            examples = {"set uart0 chardev=file:/tmp/uart0.log", "set uart0 chardev=stdio"})
    public String set(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("set", arguments, 2, -1);
        Map<String, String> properties = args.properties(1);
        Machine machine = CurrentMachine.get(manager, session);
        machine.set(args.text(0), properties);
        return "set " + args.text(0) + " " + format(properties);
    }

    @Descriptor("wire a device's interrupt output to a controller's input")
    @Usage(syntax = "wire ID.OUTPUT ID.INPUT", arguments = {"ID.OUTPUT  an interrupt output (uart0.irq)",
            "ID.INPUT   an interrupt input (plic0.10)"}, examples = "wire uart0.irq plic0.10")
    public String wire(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("wire", arguments, 2, 2);
        Machine machine = CurrentMachine.get(manager, session);
        machine.wire(args.text(0), args.text(1));
        return "wired " + args.text(0) + " -> " + args.text(1) + " in " + machine.name();
    }

    @Descriptor("show the current machine's devices (addresses, wiring, properties), or one device with its state")
    @Usage(syntax = "show [ID]", arguments = "ID  a device id: show it with its saved state", examples = {"show", "show uart0"})
    public String show(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("show", arguments, 0, 1);
        Machine machine = CurrentMachine.get(manager, session);
        if (args.size() == 1) {
            return showDevice(machine, device(machine, args.text(0)));
        }
        StringBuilder text = new StringBuilder("machine " + machine.name() + ": " + status(machine));
        List<DeviceInfo> devices = machine.devices();
        if (devices.isEmpty()) {
            return text.append(", no devices yet (add some with machine:add)").toString();
        }
        TextTable table = new TextTable("ID", "MODEL", "VERSION", "REGIONS", "WIRES", "PROPERTIES");
        for (DeviceInfo device : devices) {
            table.row(device.id(), device.model(), device.version(), String.join(", ", device.regions()),
                    String.join(", ", device.wires()), format(device.properties()));
        }
        text.append('\n').append(table.format());
        for (DeviceInfo device : devices) {
            if (device.waitingFor() != null) {
                text.append('\n').append(device.id()).append(" waits for ").append(device.waitingFor());
            }
        }
        return text.toString();
    }

    private static String showDevice(Machine machine, DeviceInfo device) throws MachineException {
        StringBuilder text = new StringBuilder(device.id() + ": " + device.model() + " " + device.version());
        text.append("\n  regions:    ").append(device.regions().isEmpty() ? "none" : String.join(", ", device.regions()));
        text.append("\n  wires:      ").append(device.wires().isEmpty() ? "none" : String.join(", ", device.wires()));
        text.append("\n  properties: ").append(format(device.properties()));
        if (device.waitingFor() != null) {
            text.append("\n  waits for:  ").append(device.waitingFor());
        }
        text.append("\n  state:");
        machine.state(device.id()).lines().forEach(line -> text.append("\n    ").append(line));
        return text.toString();
    }

    @Descriptor("load an ELF file, or a raw image at an address, into the current machine")
    @Usage(syntax = "load FILE [ADDR]", arguments = {"FILE  an ELF64 RISC-V executable or a raw image",
            "ADDR  where a raw image goes (default: the RAM base); harts start there"},
            examples = {"load target/guests/hello.elf", "load fw_jump.bin 0x80000000"})
    public String load(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("load", arguments, 1, 2);
        Long address = args.size() == 2 ? args.address(1, "ADDR") : null;
        Machine machine = CurrentMachine.get(manager, session);
        machine.load(SessionFiles.resolve(session, args.text(0)), address);
        return "loaded " + args.text(0) + " into " + machine.name() + (address == null ? "" : " at 0x" + Long.toHexString(address));
    }

    @Descriptor("place firmware, kernel, initrd and device tree as QEMU's virt board does, ready to start")
    @Usage(syntax = "boot [bios=FILE] [kernel=FILE] [initrd=FILE] [append=TEXT] [dtb=FILE]", arguments = {
            "bios=FILE    firmware at the RAM base, e.g. Debian's OpenSBI fw_jump.bin",
            "kernel=FILE  ELF at its own addresses, or raw 2 MiB after the firmware (or at the RAM base)",
            "initrd=FILE  initial RAM disk; append=TEXT the kernel command line; dtb=FILE a tree instead of the generated one"},
            examples = {"boot bios=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin "
                    + "kernel=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf", "boot kernel=guests/target/hello.elf"})
    public String boot(CommandSession session, String... arguments) throws MachineException {
        Map<String, String> files = Arguments.of("boot", arguments, 0, 5).properties(0);
        for (String key : files.keySet()) {
            if (!List.of("bios", "kernel", "initrd", "append", "dtb").contains(key)) {
                throw new MachineException("boot: unknown argument '" + key + "'; accepted: bios, kernel, initrd, append, dtb");
            }
        }
        Machine machine = CurrentMachine.get(manager, session);
        machine.boot(new BootSpec(file(session, files.get("bios")), file(session, files.get("kernel")),
                file(session, files.get("initrd")), files.get("append"), file(session, files.get("dtb"))));
        return machine.name() + " ready to boot " + String.join(", ", files.values());
    }

    /** A file argument resolved against the session's directory; the runtime refuses it if it cannot be read. */
    private static java.nio.file.Path file(CommandSession session, String name) {
        return name == null ? null : SessionFiles.resolve(session, name);
    }

    @Descriptor("start the current machine")
    @Usage(syntax = "start", examples = "start")
    public String start(CommandSession session, String... arguments) throws MachineException {
        Arguments.of("start", arguments, 0, 0);
        Machine machine = CurrentMachine.get(manager, session);
        machine.start();
        return machine.name() + " started";
    }

    @Descriptor("pause the current machine at an instruction boundary")
    @Usage(syntax = "pause", examples = "pause")
    public String pause(CommandSession session, String... arguments) throws MachineException {
        Arguments.of("pause", arguments, 0, 0);
        Machine machine = CurrentMachine.get(manager, session);
        machine.pause();
        return machine.name() + " paused";
    }

    @Descriptor("resume the paused current machine")
    @Usage(syntax = "resume", examples = "resume")
    public String resume(CommandSession session, String... arguments) throws MachineException {
        Arguments.of("resume", arguments, 0, 0);
        Machine machine = CurrentMachine.get(manager, session);
        machine.resume();
        return machine.name() + " resumed";
    }

    @Descriptor("reset the current machine: devices to their reset state, loaded images loaded again")
    @Usage(syntax = "reset", examples = "reset")
    public String reset(CommandSession session, String... arguments) throws MachineException {
        Arguments.of("reset", arguments, 0, 0);
        Machine machine = CurrentMachine.get(manager, session);
        machine.reset();
        return machine.name() + " reset (" + status(machine) + ")";
    }

    @Descriptor("execute N instructions on each hart of the paused current machine")
    @Usage(syntax = "step [N]", arguments = "N  how many instructions per hart (default 1)", examples = {"step", "step 1000"})
    public String step(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("step", arguments, 0, 1);
        long count = args.size() == 1 ? args.integer(0, "N", 1) : 1;
        Machine machine = CurrentMachine.get(manager, session);
        long executed = machine.step(count);
        Long pc = machine.registers(null).get("pc");
        return machine.name() + ": " + executed + (executed == 1 ? " instruction" : " instructions") + " executed"
                + (pc == null ? "" : ", pc=0x" + Long.toHexString(pc));
    }

    @Descriptor("print the registers of a hart of the current machine, in hex")
    @Usage(syntax = "regs [HART]", arguments = "HART  a hart id (default: the first hart)", examples = {"regs", "regs hart0"})
    public String regs(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("regs", arguments, 0, 1);
        Machine machine = CurrentMachine.get(manager, session);
        return RegisterTable.format(machine.registers(args.optional(0)));
    }

    @Descriptor("dump guest physical memory of the current machine like xxd")
    @Usage(syntax = "mem ADDR [LEN]", arguments = {"ADDR  a guest physical address (0x80000000)",
            "LEN   how many bytes (default 64, at most 64K)"}, examples = {"mem 0x80000000", "mem 0x80000000 0x100"})
    public String mem(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("mem", arguments, 1, 2);
        long address = args.address(0, "ADDR");
        long length = args.size() == 2 ? args.size(1, "LEN") : 64;
        if (length < 1 || length > MAX_DUMP) {
            throw new IllegalArgumentException("machine:mem: LEN must be 1 to " + MAX_DUMP + ", not " + args.text(1));
        }
        Machine machine = CurrentMachine.get(manager, session);
        return Hexdump.format(address, machine.readMemory(address, (int) length));
    }

    @Descriptor("replace a device instance by a new one while the guest runs, keeping its state")
    @Usage(syntax = "swap ID [MODEL[:VERSION]]", arguments = {"ID               a device id from machine:show",
            "MODEL[:VERSION]  the replacement model (default: the same model, newest version)"},
            examples = {"swap uart0", "swap uart0 ns16550a:0.1.0"})
    public String swap(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("swap", arguments, 1, 2);
        return CurrentMachine.get(manager, session).swap(args.text(0), args.optional(1));
    }

    @Descriptor("update the bundle of a device's model from its jar and swap the device onto the new code")
    @Usage(syntax = "reload ID", arguments = "ID  a device id from machine:show", examples = "reload uart0")
    public String reload(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("reload", arguments, 1, 1);
        return CurrentMachine.get(manager, session).reload(args.text(0));
    }

    @Descriptor("write the current machine as a board file that machine:create NAME FILE reproduces")
    @Usage(syntax = "save FILE", arguments = "FILE  the board file to write", examples = "save target/demo.board")
    public String save(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("save", arguments, 1, 1);
        Machine machine = CurrentMachine.get(manager, session);
        machine.save(SessionFiles.resolve(session, args.text(0)));
        return "saved " + machine.name() + " to " + args.text(0);
    }

    @Descriptor("write the device tree generated from the current machine as a blob (dtc -I dtb -O dts reads it)")
    @Usage(syntax = "dtb FILE", arguments = "FILE  where to write the flattened device tree", examples = "dtb virt.dtb")
    public String dtb(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("dtb", arguments, 1, 1);
        Machine machine = CurrentMachine.get(manager, session);
        java.nio.file.Path file = SessionFiles.resolve(session, args.text(0));
        byte[] blob = machine.deviceTree();
        try {
            java.nio.file.Files.write(file, blob);
        } catch (java.io.IOException e) {
            throw new MachineException(args.text(0) + ": cannot write: " + ErrorMessages.of(e));
        }
        return "wrote the device tree of " + machine.name() + " (" + blob.length + " bytes) to " + args.text(0);
    }

    @Descriptor("stop a machine (the current one by default), close its devices and forget it")
    @Usage(syntax = "destroy [NAME]", arguments = "NAME  a machine from machine:list (default: the current one)",
            examples = {"destroy", "destroy demo"})
    public String destroy(CommandSession session, String... arguments) throws MachineException {
        Arguments args = Arguments.of("destroy", arguments, 0, 1);
        String name = CurrentMachine.named(manager, session, args.optional(0)).name();
        manager.destroy(name);
        if (session != null && name.equals(session.get(CurrentMachine.VARIABLE))) {
            session.put(CurrentMachine.VARIABLE, null);
        }
        return "destroyed " + name;
    }

    private static DeviceInfo device(Machine machine, String id) throws MachineException {
        List<DeviceInfo> devices = machine.devices();
        return devices.stream().filter(device -> device.id().equals(id)).findFirst().orElseThrow(() -> new MachineException(
                "no device '" + id + "' in " + machine.name() + "; devices: "
                        + (devices.isEmpty() ? "none" : devices.stream().map(DeviceInfo::id).collect(Collectors.joining(", ")))));
    }

    private static String summary(DeviceInfo device) {
        return device.model() + " " + device.version() + (device.regions().isEmpty() ? "" : " at " + String.join(", ", device.regions()));
    }

    /** A machine's status in words, with the exit status once it powered off. */
    static String status(Machine machine) {
        MachineStatus status = machine.status();
        String text = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return status == MachineStatus.POWERED_OFF && machine.exitStatus().isPresent()
                ? text + " (exit status " + machine.exitStatus().getAsInt() + ")" : text;
    }

    private static String format(Map<String, String> properties) {
        return properties.entrySet().stream().map(entry -> entry.getKey() + "=" + quote(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String quote(String value) {
        return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }
}
