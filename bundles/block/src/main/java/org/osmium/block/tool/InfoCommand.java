package org.osmium.block.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.SnapshotInfo;
import org.osmium.block.file.DiskUsage;
import org.osmium.block.qcow2.Qcow2Image;

/** img info [-f fmt] [--output=human|json] [--backing-chain] [-U] [--image-opts] filename. */
final class InfoCommand {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private InfoCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, BlockException {
        Arguments a = Arguments.parse(args, 1, "f:hU", Set.of("output", "object"),
                Set.of("backing-chain", "image-opts", "force-share", "help"));
        if (a.positional().size() != 1) {
            throw new UsageException("Expecting one image file name");
        }
        boolean json = Output.json(a);
        String name = a.positional().getFirst();
        try (BlockImage image = ImageArgs.open(a, name, a.get("f", null), true)) {
            List<Map<String, Object>> chain = new ArrayList<>();
            String shownName = name;
            for (BlockImage layer = image; layer != null; layer = layer.backing()) {
                chain.add(describe(layer, shownName));
                if (!a.has("backing-chain")) {
                    break;
                }
                shownName = fullBackingName(layer, shownName);
            }
            if (json) {
                out.println(Json.pretty(a.has("backing-chain") ? chain : chain.getFirst()));
            } else {
                for (int i = 0; i < chain.size(); i++) {
                    if (i > 0) {
                        out.println();
                    }
                    printHuman(chain.get(i), out);
                }
            }
        }
        return 0;
    }

    /** The backing file name joined to the folder of the image as named, as qemu-img's full-backing-filename. */
    static String fullBackingName(BlockImage image, String shownName) {
        String backing = image instanceof Qcow2Image q ? q.backingFileName() : null;
        if (backing == null) {
            return null;
        }
        if (Path.of(backing).isAbsolute()) {
            return backing;
        }
        Path parent = Path.of(shownName).getParent();
        return parent == null ? backing : parent.resolve(backing).toString();
    }

    /** The facts qemu-img's ImageInfo holds, in its json order. */
    static Map<String, Object> describe(BlockImage image, String shownName) throws BlockException {
        Map<String, Object> info = new LinkedHashMap<>();
        String backing = null;
        String backingFormat = null;
        if (image instanceof Qcow2Image q) {
            backing = q.backingFileName();
            backingFormat = q.backingFormatName();
        }
        List<SnapshotInfo> snapshots = image.snapshots();
        if (!snapshots.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (SnapshotInfo s : snapshots) {
                Map<String, Object> entry = new LinkedHashMap<>();
                if (s.icount() != -1) {
                    entry.put("icount", s.icount());
                }
                entry.put("vm-clock-nsec", s.vmClockNsec() % 1_000_000_000L);
                entry.put("name", s.name());
                entry.put("date-sec", s.dateSec());
                entry.put("date-nsec", s.dateNsec());
                entry.put("vm-clock-sec", s.vmClockNsec() / 1_000_000_000L);
                entry.put("id", s.id());
                entry.put("vm-state-size", s.vmStateSize());
                list.add(entry);
            }
            info.put("snapshots", list);
        }
        if (backingFormat != null) {
            info.put("backing-filename-format", backingFormat);
        }
        info.put("virtual-size", image.size());
        info.put("filename", shownName);
        if (image.clusterSize() > 0) {
            info.put("cluster-size", image.clusterSize());
        }
        info.put("format", image.format());
        info.put("actual-size", DiskUsage.allocatedBytes(image.path()));
        Map<String, Object> specific = image.formatSpecific();
        if (!specific.isEmpty()) {
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put("type", image.format());
            wrapper.put("data", specific);
            info.put("format-specific", wrapper);
        }
        if (backing != null) {
            info.put("full-backing-filename", fullBackingName(image, shownName));
            info.put("backing-filename", backing);
        }
        if (image instanceof Qcow2Image q && q.encrypted()) {
            info.put("encrypted", true);
        }
        info.put("dirty-flag", image.dirty());
        return info;
    }

    @SuppressWarnings("unchecked")
    private static void printHuman(Map<String, Object> info, PrintStream out) {
        out.println("image: " + info.get("filename"));
        out.println("file format: " + info.get("format"));
        long size = (Long) info.get("virtual-size");
        out.println("virtual size: " + HumanSize.of(size) + " (" + size + " bytes)");
        out.println("disk size: " + HumanSize.of((Long) info.get("actual-size")));
        if (Boolean.TRUE.equals(info.get("encrypted"))) {
            out.println("encrypted: yes");
        }
        if (info.containsKey("cluster-size")) {
            out.println("cluster_size: " + info.get("cluster-size"));
        }
        if (info.containsKey("backing-filename")) {
            String backing = (String) info.get("backing-filename");
            String full = (String) info.get("full-backing-filename");
            out.println("backing file: " + backing + (backing.equals(full) ? "" : " (actual path: " + full + ")"));
            if (info.containsKey("backing-filename-format")) {
                out.println("backing file format: " + info.get("backing-filename-format"));
            }
        }
        if (Boolean.TRUE.equals(info.get("dirty-flag"))) {
            out.println("cleanly shut down: no");
        }
        if (info.containsKey("snapshots")) {
            out.println("Snapshot list:");
            printSnapshots((List<Object>) info.get("snapshots"), out);
        }
        if (info.containsKey("format-specific")) {
            Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) info.get("format-specific"))
                    .get("data");
            out.println("Format specific information:");
            printNested(data, 1, out);
        }
    }

    /** Prints nested facts as qemu-img's human output does: "key: value", nested maps and lists indented. */
    @SuppressWarnings("unchecked")
    private static void printNested(Map<String, Object> map, int depth, PrintStream out) {
        String indent = "    ".repeat(depth);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = e.getKey().replace('-', ' ');
            if (e.getValue() instanceof Map<?, ?> nested) {
                out.println(indent + key + ":");
                printNested((Map<String, Object>) nested, depth + 1, out);
            } else if (e.getValue() instanceof List<?> list) {
                out.println(indent + key + ":");
                for (int i = 0; i < list.size(); i++) {
                    out.println(indent + "    [" + i + "]:");
                    printNested((Map<String, Object>) list.get(i), depth + 2, out);
                }
            } else {
                out.println(indent + key + ": " + e.getValue());
            }
        }
    }

    /** Prints a snapshot table as qemu-img does (header line, one row per snapshot). */
    @SuppressWarnings("unchecked")
    static void printSnapshots(List<Object> snapshots, PrintStream out) {
        out.println(String.format("%-10s%-17s%8s%20s%13s%11s", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK",
                "ICOUNT"));
        for (Object o : snapshots) {
            Map<String, Object> s = (Map<String, Object>) o;
            long clockSec = (Long) s.get("vm-clock-sec");
            long clockMs = (Long) s.get("vm-clock-nsec") / 1_000_000;
            String clock = String.format("%02d:%02d:%02d.%03d", clockSec / 3600, clockSec / 60 % 60, clockSec % 60,
                    clockMs);
            String date = DATE.format(Instant.ofEpochSecond((Long) s.get("date-sec")));
            String icount = s.containsKey("icount") ? s.get("icount").toString() : "";
            out.println(String.format("%-9s %-16s %8s%20s%13s%11s", s.get("id"), s.get("name"),
                    HumanSize.of((Long) s.get("vm-state-size")), date, clock, icount));
        }
    }
}
