package org.osmium.device.goldfishrtc;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.IrqLine;

/** An interrupt line that records every level driven onto it. */
final class RecordingIrqLine implements IrqLine {
    final List<Boolean> levels = new ArrayList<>();

    @Override
    public void set(boolean level) {
        levels.add(level);
    }

    /** The levels driven, with repeats of the same level folded into one. */
    List<Boolean> transitions() {
        List<Boolean> changes = new ArrayList<>();
        for (Boolean level : levels) {
            if (changes.isEmpty() || changes.getLast() != level) {
                changes.add(level);
            }
        }
        return changes;
    }

    /** The level last driven; low before anything was driven. */
    boolean level() {
        return !levels.isEmpty() && levels.getLast();
    }
}
