package org.osmium.launcher;

import java.util.Map;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;

/**
 * QEMU's {@code -smp N} on a built-in board: harts {@code hart1..hartN-1} are added next to {@code hart0} and wired to
 * the board's CLINT and PLIC as {@code hart0} is, and those controllers are told the hart count.
 */
final class SmpExpansion {
    private SmpExpansion() {
    }

    static void addHarts(Machine machine, int harts) throws MachineException {
        boolean hasClint = machine.devices().stream().anyMatch(device -> device.id().equals("clint0"));
        boolean hasPlic = machine.devices().stream().anyMatch(device -> device.id().equals("plic0"));
        if (hasClint) {
            machine.set("clint0", Map.of("harts", Integer.toString(harts)));
        }
        if (hasPlic) {
            machine.set("plic0", Map.of("harts", Integer.toString(harts)));
        }
        for (int hart = 1; hart < harts; hart++) {
            String id = "hart" + hart;
            machine.add("rv64gc", id, Map.of("hartid", Integer.toString(hart)));
            if (hasClint) {
                machine.wire("clint0.msip" + hart, id + ".msip");
                machine.wire("clint0.mtip" + hart, id + ".mtip");
            }
            if (hasPlic) {
                machine.wire("plic0.meip" + hart, id + ".meip");
                machine.wire("plic0.seip" + hart, id + ".seip");
            }
        }
    }
}
