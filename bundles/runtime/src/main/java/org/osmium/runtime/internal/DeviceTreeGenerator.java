package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.devicetree.InterruptController;
import org.osmium.devicetree.DeviceTree;

/**
 * Generates the device tree of a composed machine, as QEMU's virt board lays it out: each device contributes its own
 * node; this class writes {@code reg} from the bus mappings and the interrupt properties from the wiring, so that
 * nobody writes an address or an interrupt number twice.
 */
final class DeviceTreeGenerator {
    /** The frequency of {@code mtime} and the {@code time} CSR, as on QEMU's virt board. */
    static final long TIMEBASE_HZ = 10_000_000;

    /** What goes into {@code /chosen}. */
    record Chosen(String bootArgs, long initrdStart, long initrdEnd, String stdoutDevice) {
    }

    private DeviceTreeGenerator() {
    }

    static DeviceTree generate(List<DeviceSlot> slots, Bus bus, Chosen chosen) {
        DeviceTree tree = new DeviceTree();
        DtNode root = tree.root();
        root.cells("#address-cells", 2).cells("#size-cells", 2)
                .strings("compatible", "riscv-virtio").strings("model", "riscv-virtio,qemu");
        DtNode chosenNode = root.child("chosen");
        root.child("cpus").cells("#address-cells", 1).cells("#size-cells", 0).cells("timebase-frequency", TIMEBASE_HZ);
        root.child("soc").cells("#address-cells", 2).cells("#size-cells", 2).strings("compatible", "simple-bus").empty("ranges");

        Map<DeviceSlot, DtNode> nodes = new IdentityHashMap<>();
        for (DeviceSlot slot : slots) {
            if (slot.instance instanceof DeviceTreeContributor contributor) {
                DtNode node = at(root, contributor.parentPath()).child(contributor.nodeName(slot.base()));
                nodes.put(slot, node);
                List<Bus.Mapping> mappings = bus.mappingsOf(slot.id);
                if (contributor.regFromRegions() && !mappings.isEmpty()) {
                    long[] reg = new long[mappings.size() * 2];
                    for (int i = 0; i < mappings.size(); i++) {
                        reg[2 * i] = mappings.get(i).start();
                        reg[2 * i + 1] = mappings.get(i).region().size();
                    }
                    node.longs("reg", reg);
                }
                contributor.describe(node, root);
            }
        }
        for (DeviceSlot slot : slots) {
            DtNode node = nodes.get(slot);
            if (node != null) {
                writeInterrupts(slot, node, nodes, ((DeviceTreeContributor) slot.instance).extendedInterrupts());
            }
        }
        if (chosen.bootArgs() != null) {
            chosenNode.strings("bootargs", chosen.bootArgs());
        }
        if (chosen.initrdEnd() > chosen.initrdStart()) {
            chosenNode.longs("linux,initrd-start", chosen.initrdStart()).longs("linux,initrd-end", chosen.initrdEnd());
        }
        for (DeviceSlot slot : slots) {
            if (slot.id.equals(chosen.stdoutDevice()) && nodes.containsKey(slot)) {
                chosenNode.strings("stdout-path", nodes.get(slot).path());
            }
        }
        return tree;
    }

    private static DtNode at(DtNode root, String path) {
        DtNode node = root;
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                node = node.child(name);
            }
        }
        return node;
    }

    /** One wired interrupt: the controller's phandle and the specifier cells. */
    private record Interrupt(int phandle, long[] specifier) {
    }

    private static void writeInterrupts(DeviceSlot slot, DtNode node, Map<DeviceSlot, DtNode> nodes, boolean extended) {
        List<Interrupt> interrupts = new ArrayList<>();
        for (OutputLine line : slot.outputs.values()) {
            for (OutputLine.Target target : line.targets()) {
                DtNode targetNode = nodes.get(target.slot());
                if (targetNode != null && target.slot().instance instanceof InterruptController controller) {
                    interrupts.add(new Interrupt(controller.interruptNode(targetNode).phandle(),
                            controller.interruptSpecifier(target.input())));
                }
            }
        }
        if (interrupts.isEmpty()) {
            return;
        }
        boolean oneParent = interrupts.stream().allMatch(interrupt -> interrupt.phandle() == interrupts.get(0).phandle());
        if (extended || !oneParent) {
            List<Long> cells = new ArrayList<>();
            for (Interrupt interrupt : interrupts) {
                cells.add((long) interrupt.phandle());
                for (long cell : interrupt.specifier()) {
                    cells.add(cell);
                }
            }
            node.cells("interrupts-extended", cells.stream().mapToLong(Long::longValue).toArray());
        } else {
            node.cells("interrupt-parent", interrupts.get(0).phandle());
            node.cells("interrupts", interrupts.stream().flatMapToLong(interrupt -> java.util.Arrays.stream(interrupt.specifier())).toArray());
        }
    }
}
