package org.osmium.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A QEMU-style command line ({@code -M virt -m 128M -nographic -bios none -kernel prog.elf}) parsed into what Osmium
 * does with it. Options Osmium does not know are refused with the option named.
 */
record QemuOptions(String board, Long memoryBytes, int harts, String bios, String kernel, String initrd, String append,
        String dtb, List<String> serials, List<Map<String, String>> drives, boolean listBoards) {
    /** Debian's OpenSBI (package {@code opensbi}), the firmware {@code -bios default} means. */
    static final String DEFAULT_FIRMWARE = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
    static final int MAX_HARTS = 8;


    /** A command line that cannot be run: the message names the option. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static QemuOptions parse(String[] args) throws UsageException {
        String board = "virt";
        Long memory = null;
        String bios = "default";
        String kernel = null;
        String initrd = null;
        String append = null;
        String dtb = null;
        int harts = 1;
        List<String> serials = new ArrayList<>();
        List<Map<String, String>> drives = new ArrayList<>();
        boolean listBoards = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i].startsWith("--") ? args[i].substring(1) : args[i];
            switch (option) {
                case "-M", "-machine" -> {
                    String value = value(args, i++);
                    String name = value.split(",", 2)[0];
                    if (name.startsWith("type=")) {
                        name = name.substring(5);
                    }
                    if (name.equals("help") || name.equals("?")) {
                        listBoards = true;
                    } else {
                        board = name;
                    }
                }
                case "-m" -> memory = memory(value(args, i++));
                case "-bios" -> bios = value(args, i++);
                case "-kernel" -> kernel = value(args, i++);
                case "-initrd" -> initrd = value(args, i++);
                case "-append" -> append = value(args, i++);
                case "-dtb" -> dtb = value(args, i++);
                case "-smp" -> harts = harts(value(args, i++));
                case "-serial" -> serials.add(serial(value(args, i++)));
                case "-drive" -> drives.add(drive(value(args, i++)));
                case "-nographic" -> {
                    // the serial port is on stdio unless -serial says otherwise: there is no graphical console
                }
                case "-display" -> {
                    String display = value(args, i++);
                    if (!display.equals("none")) {
                        throw new UsageException("-display " + display + ": only -display none is supported (see --help)");
                    }
                }
                default -> throw new UsageException((args[i].startsWith("-") ? "unknown option '" : "unexpected argument '")
                        + args[i] + "'; see --help");
            }
        }
        if (bios.equals("default")) {
            bios = DEFAULT_FIRMWARE;
        }
        return new QemuOptions(board, memory, harts, bios.equals("none") ? null : bios, kernel, initrd, append, dtb,
                List.copyOf(serials), List.copyOf(drives), listBoards);
    }

    private static String value(String[] args, int index) throws UsageException {
        if (index + 1 >= args.length) {
            throw new UsageException("option '" + args[index] + "' needs a value; see --help");
        }
        return args[index + 1];
    }

    /** QEMU's {@code -smp}: {@code N} or {@code cpus=N[,...]}, 1 to {@value #MAX_HARTS}. */
    static int harts(String text) throws UsageException {
        String value = text.split(",", 2)[0];
        if (value.startsWith("cpus=")) {
            value = value.substring(5);
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= MAX_HARTS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("-smp " + text + ": give a hart count from 1 to " + MAX_HARTS + "; see --help");
    }

    /** QEMU's {@code -m}: a number is MiB; suffixes K, M, G, T; {@code size=} prefix accepted. */
    static long memory(String text) throws UsageException {
        String value = text.startsWith("size=") ? text.substring(5) : text.split(",", 2)[0];
        try {
            char last = Character.toUpperCase(value.charAt(value.length() - 1));
            int shift = switch (last) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> -1;
            };
            long number = Long.parseLong(shift < 0 ? value : value.substring(0, value.length() - 1));
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, 1L << (shift < 0 ? 20 : shift));
        } catch (RuntimeException e) {
            throw new UsageException("-m " + text + ": not a memory size (e.g. 128M, 1G, or 256 for MiB); see --help");
        }
    }

    /**
     * QEMU's {@code -drive file=F,if=virtio[,format=raw|qcow2][,readonly=on]} as the properties of a virtio-blk device.
     */
    static Map<String, String> drive(String text) throws UsageException {
        Map<String, String> drive = new LinkedHashMap<>();
        String interfaceType = "virtio";
        for (String part : text.split(",")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? "file" : part.substring(0, equals);
            String value = equals < 0 ? part : part.substring(equals + 1);
            switch (key) {
                case "file", "format" -> drive.put(key, value);
                case "readonly" -> drive.put("readonly", value);
                case "if" -> interfaceType = value;
                case "media", "id", "cache", "aio" -> {
                    // accepted as QEMU does; the image is opened with writeback caching
                }
                default -> throw new UsageException("-drive " + text + ": unknown option '" + key
                        + "' (file, if, format, readonly are supported); see --help");
            }
        }
        if (!drive.containsKey("file")) {
            throw new UsageException("-drive " + text + ": needs file=PATH");
        }
        if (!interfaceType.equals("virtio")) {
            throw new UsageException("-drive " + text + ": if=" + interfaceType + " is not supported; use if=virtio");
        }
        return drive;
    }

    /** QEMU's {@code -serial} backends mapped to Osmium chardevs. */
    static String serial(String text) throws UsageException {
        if (text.equals("stdio") || text.equals("mon:stdio")) {
            return "stdio";
        }
        if (text.equals("null") || text.equals("none")) {
            return "null";
        }
        if (text.startsWith("file:") && text.length() > 5) {
            return text;
        }
        if (text.startsWith("tcp:")) {
            String[] parts = text.substring(4).split(",");
            if (parts[0].matches("[^:]*:\\d{1,5}")) {
                return "socket:" + parts[0];
            }
        }
        throw new UsageException("-serial " + text + ": supported are stdio, mon:stdio, null, file:PATH, tcp:HOST:PORT,server,nowait");
    }
}
