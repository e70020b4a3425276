package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.IrqLine;

/**
 * A device's named interrupt output. It outlives device instances (hot-swap keeps it), remembers its level and
 * drives the inputs it is wired to, looked up through the target slot so that a swapped target is reached too.
 */
final class OutputLine implements IrqLine {
    /** One wired input: the target slot and its input name. */
    record Target(DeviceSlot slot, String input) {
    }

    private final List<Target> targets = new ArrayList<>();
    private boolean level;

    void connect(DeviceSlot slot, String input) {
        targets.add(new Target(slot, input));
        drive(new Target(slot, input));
    }

    void disconnectFrom(DeviceSlot slot) {
        targets.removeIf(target -> target.slot() == slot);
    }

    List<Target> targets() {
        return targets;
    }

    boolean level() {
        return level;
    }

    @Override
    public void set(boolean newLevel) {
        if (newLevel != level) {
            level = newLevel;
            for (Target target : targets) {
                drive(target);
            }
        }
    }

    /** Drives one target with the current level (after it was wired or swapped). */
    void drive(Target target) {
        IrqLine input = target.slot().input(target.input());
        if (input != null) {
            input.set(level);
        }
    }
}
