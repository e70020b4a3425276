package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.VirtualClock;

/**
 * The machine's virtual clock: host nanoseconds that stand still while the machine is not running, with one-shot
 * timers. Timers are armed and fired on the execution thread (or on a control thread while the loop is paused).
 */
final class MachineClock implements VirtualClock {
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final List<ClockTimer> armed = new ArrayList<>();
    private volatile long frozenAt;
    private volatile long hostOffset;
    private volatile boolean running;

    @Override
    public long nanos() {
        return running ? System.nanoTime() - hostOffset : frozenAt;
    }

    /** Lets time flow from where it stood. */
    void thaw() {
        if (!running) {
            hostOffset = System.nanoTime() - frozenAt;
            running = true;
        }
    }

    /** Stops time where it is. */
    void freeze() {
        if (running) {
            frozenAt = System.nanoTime() - hostOffset;
            running = false;
        }
    }

    @Override
    public Timer newTimer(Runnable action) {
        return new ClockTimer(action);
    }

    /** The earliest armed deadline, or {@link #NO_DEADLINE}. */
    long nextDeadline() {
        long earliest = NO_DEADLINE;
        for (int i = 0; i < armed.size(); i++) {
            earliest = Math.min(earliest, armed.get(i).deadline);
        }
        return earliest;
    }

    /** Fires every timer whose deadline has passed, earliest first. */
    void fireDue() {
        if (armed.isEmpty()) {
            return;
        }
        long now = nanos();
        while (true) {
            ClockTimer due = null;
            for (int i = 0; i < armed.size(); i++) {
                ClockTimer timer = armed.get(i);
                if (timer.deadline <= now && (due == null || timer.deadline < due.deadline)) {
                    due = timer;
                }
            }
            if (due == null) {
                return;
            }
            due.cancel();
            due.action.run();
        }
    }

    /** A re-armable timer in this clock's list while armed. */
    final class ClockTimer implements Timer {
        private final Runnable action;
        private long deadline = NO_DEADLINE;

        ClockTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void fireAt(long nanos) {
            if (deadline == NO_DEADLINE) {
                armed.add(this);
            }
            deadline = Math.min(nanos, NO_DEADLINE - 1);
        }

        @Override
        public void cancel() {
            if (deadline != NO_DEADLINE) {
                armed.remove(this);
                deadline = NO_DEADLINE;
            }
        }
    }
}
