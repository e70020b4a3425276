package org.osmium.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osmium.block.tool.ImgTool;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;
import org.osmium.shell.ShellRunner;

/**
 * The entry the boot jar calls with the process's arguments: no arguments open the shell, {@code --script FILE} runs
 * a script (standard input then belongs to the guest's stdio console, as on the command line, when the process's
 * console is ours: {@code osmium.console}), {@code img ...} the image
 * tool, anything else is a QEMU-style command line. Returns the exit status.
 */
@Component(service = ToIntFunction.class, property = "osmium.entry=main")
public final class Launcher implements ToIntFunction<String[]> {
    /** The UART that QEMU's {@code -serial} addresses, on the built-in boards. */
    private static final String SERIAL_DEVICE = "uart0";
    private static final String RAM_DEVICE = "ram0";
    /** What {@code -drive if=virtio} adds: it takes the highest free virtio-mmio slot, as on QEMU. */
    private static final String DISK_MODEL = "virtio-blk";
    /**
     * The process's own standard streams. Gogo replaces {@code System.out} and {@code System.err} by per-thread
     * streams; giving those to a command session would make a command's output loop back into itself.
     */
    private static final PrintStream STDOUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    private static final PrintStream STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    @Reference
    private MachineManager machines;

    @Reference
    private ShellRunner shell;

    @Override
    public int applyAsInt(String[] args) {
        PrintStream out = STDOUT;
        PrintStream err = STDERR;
        if (args.length == 0) {
            return shell.interactive();
        }
        switch (args[0]) {
            case "--help", "-help", "-h" -> {
                out.print(Usage.TEXT);
                return 0;
            }
            case "--script" -> {
                if (args.length != 2) {
                    err.println("osmium: --script needs exactly one FILE; see --help");
                    return 1;
                }
                if (Boolean.getBoolean("osmium.console")) {
                    System.setProperty("osmium.stdio.input", "true");
                }
                return shell.script(Path.of(args[1]), out, err);
            }
            case "img" -> {
                return ImgTool.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            default -> {
                return runMachine(args, out, err);
            }
        }
    }

    /**
     * A file of the command line; the runtime refuses unreadable ones, but a missing default firmware gets the hint of
     * where it comes from.
     */
    private static Path path(String file) throws MachineException {
        if (file == null) {
            return null;
        }
        Path path = Path.of(file);
        if (file.equals(QemuOptions.DEFAULT_FIRMWARE) && !Files.isReadable(path)) {
            throw new MachineException(file + ": no such readable file (the default firmware; apt-get install opensbi, or give -bios)");
        }
        return path;
    }

    /** What {@code -m} and {@code -serial} change of the board's devices, set before they are made. */
    private static Map<String, Map<String, String>> boardProperties(QemuOptions options) {
        Map<String, Map<String, String>> properties = new HashMap<>();
        if (options.memoryBytes() != null) {
            properties.put(RAM_DEVICE, Map.of("size", Long.toString(options.memoryBytes())));
        }
        if (!options.serials().isEmpty()) {
            properties.put(SERIAL_DEVICE, Map.of("chardev", options.serials().getLast()));
        }
        return properties;
    }

    private int runMachine(String[] args, PrintStream out, PrintStream err) {
        QemuOptions options;
        try {
            options = QemuOptions.parse(args);
        } catch (QemuOptions.UsageException e) {
            err.println("osmium: " + e.getMessage());
            return 1;
        }
        if (options.listBoards()) {
            out.println("Supported machines are:");
            machines.boards().forEach(board -> out.printf("%-20s %s%n", board, "built-in board"));
            return 0;
        }
        System.setProperty("osmium.stdio.input", "true");
        try (RawTerminal terminal = RawTerminal.enterIfInteractive()) {
            Machine machine = machines.create("main", options.board(), boardProperties(options));
            try {
                for (int drive = 0; drive < options.drives().size(); drive++) {
                    machine.add(DISK_MODEL, "disk" + drive, options.drives().get(drive));
                }
                if (options.harts() > 1) {
                    SmpExpansion.addHarts(machine, options.harts());
                }
                machine.boot(new BootSpec(path(options.bios()), path(options.kernel()), path(options.initrd()),
                        options.append(), path(options.dtb())));
                machine.start();
                OptionalInt status = machine.awaitPowerOff((Duration) null);
                return status.orElse(1);
            } finally {
                machines.destroy("main");
            }
        } catch (MachineException e) {
            err.println("osmium: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IOException e) {
            err.println("osmium: terminal: " + e.getMessage());
            return 1;
        }
    }
}
