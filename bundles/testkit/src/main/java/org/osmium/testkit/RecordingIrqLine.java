package org.osmium.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.osmium.api.device.IrqLine;

/** An interrupt line that records every level driven onto it. */
public final class RecordingIrqLine implements IrqLine {
    private final List<Boolean> levels = new ArrayList<>();

    @Override
    public void set(boolean level) {
        levels.add(level);
    }

    /** Every level driven, in order, repeats included. */
    public List<Boolean> levels() {
        return Collections.unmodifiableList(levels);
    }

    /** The levels driven, with repeats of the same level folded into one. */
    public List<Boolean> transitions() {
        List<Boolean> changes = new ArrayList<>();
        for (Boolean level : levels) {
            if (changes.isEmpty() || changes.getLast() != level) {
                changes.add(level);
            }
        }
        return changes;
    }

    /** The level last driven; low before anything was driven. */
    public boolean level() {
        return !levels.isEmpty() && levels.getLast();
    }
}
