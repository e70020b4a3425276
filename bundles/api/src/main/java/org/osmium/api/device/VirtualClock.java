package org.osmium.api.device;

/** The machine's clock: nanoseconds that stand still while the machine is paused, with timers on it. */
public interface VirtualClock {
    long nanos();

    /** Creates a timer that runs {@code action} on the execution thread when it fires. */
    Timer newTimer(Runnable action);

    /** A re-armable one-shot timer; arming it again moves it. */
    interface Timer {
        void fireAt(long nanos);

        void cancel();
    }
}
