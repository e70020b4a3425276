package org.osmium.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osmium.api.device.VirtualClock;

/** A virtual clock that moves only when the test advances it, firing due timers in deadline order. */
public final class ManualClock implements VirtualClock {
    private static final long UNARMED = Long.MIN_VALUE;
    private final List<ManualTimer> timers = new ArrayList<>();
    private long now;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Timer newTimer(Runnable action) {
        ManualTimer timer = new ManualTimer(action);
        timers.add(timer);
        return timer;
    }

    /** Moves time forward by {@code nanos}, running each timer that falls due on the way. */
    public void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            ManualTimer next = timers.stream().filter(timer -> timer.deadline != UNARMED && timer.deadline <= target)
                    .min(Comparator.comparingLong(timer -> timer.deadline)).orElse(null);
            if (next == null) {
                break;
            }
            now = Math.max(now, next.deadline);
            next.deadline = UNARMED;
            next.action.run();
        }
        now = target;
    }

    /** How many timers are armed. */
    public long armed() {
        return timers.stream().filter(timer -> timer.deadline != UNARMED).count();
    }

    private static final class ManualTimer implements Timer {
        private final Runnable action;
        private long deadline = UNARMED;

        ManualTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void fireAt(long nanos) {
            deadline = nanos;
        }

        @Override
        public void cancel() {
            deadline = UNARMED;
        }
    }
}
