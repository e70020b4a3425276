package org.osmium.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.osmium.api.cpu.Hart;

/**
 * The machine's one execution thread: runs posted events and due timers, then each hart for a slice, round-robin;
 * sleeps when every hart waits for an interrupt. Pauses only between slices, i.e. at instruction boundaries.
 * A Java exception from a model pauses the machine (reported through {@code onFailure}) instead of killing anything.
 */
final class ExecutionLoop implements Executor {
    /** Instructions per hart per turn: small enough that pauses and events are served within about a millisecond. */
    private static final long SLICE = 50_000;

    private final MachineClock clock;
    private final Consumer<RuntimeException> onFailure;
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private volatile Hart[] harts = new Hart[0];
    private volatile boolean pauseRequested = true;
    private volatile boolean stopRequested;
    /** True while the thread stands in {@link #standStill} or has ended; false before it first stands (guarded by this). */
    private boolean standing;
    private Thread thread;

    ExecutionLoop(MachineClock clock, Consumer<RuntimeException> onFailure) {
        this.clock = clock;
        this.onFailure = onFailure;
    }

    /** Sets the harts to run; only while paused or not started. */
    void setHarts(Hart[] harts) {
        this.harts = harts;
    }

    boolean isExecutionThread() {
        return Thread.currentThread() == thread;
    }

    /** Starts the thread, paused. */
    synchronized void startThread(String machineName) {
        if (thread == null) {
            thread = new Thread(this::loop, "machine-" + machineName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void execute(Runnable event) {
        events.add(event);
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    /** Asks the thread to stop at the next instruction boundary and waits until it stands (not on the loop's thread). */
    synchronized void pause() {
        pauseRequested = true;
        if (thread == null || isExecutionThread()) {
            return;
        }
        LockSupport.unpark(thread);
        while (!standing && thread.isAlive()) {
            waitQuietly();
        }
    }

    /** Requests a pause from the loop's own thread (a model's side effect); takes effect after the current slice. */
    void requestPause() {
        pauseRequested = true;
    }

    synchronized void resume() {
        pauseRequested = false;
        notifyAll();
    }

    /** Ends the thread; callable from any thread, including the loop's own. */
    void stop() {
        stopRequested = true;
        synchronized (this) {
            notifyAll();
        }
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            LockSupport.unpark(running);
            try {
                running.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!stopRequested) {
            try {
                runEvents();
                clock.fireDue();
                if (pauseRequested) {
                    standStill();
                    continue;
                }
                clock.thaw();
                boolean ran = false;
                Hart[] current = harts;
                for (Hart hart : current) {
                    if (!hart.isWaiting()) {
                        hart.run(SLICE);
                        ran = true;
                    }
                    if (pauseRequested || stopRequested) {
                        break;
                    }
                }
                if (!ran) {
                    sleepUntilSomethingHappens();
                }
            } catch (RuntimeException | StackOverflowError e) {
                pauseRequested = true;
                onFailure.accept(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
            }
        }
        synchronized (this) {
            standing = true;
            notifyAll();
        }
    }

    private void runEvents() {
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
    }

    private synchronized void standStill() {
        clock.freeze();
        standing = true;
        notifyAll();
        while (pauseRequested && !stopRequested) {
            waitQuietly();
        }
        standing = false;
    }

    private void sleepUntilSomethingHappens() {
        if (!events.isEmpty() || pauseRequested) {
            return;
        }
        long deadline = clock.nextDeadline();
        if (deadline == MachineClock.NO_DEADLINE) {
            LockSupport.park(this);
        } else {
            long delay = deadline - clock.nanos();
            if (delay > 0) {
                LockSupport.parkNanos(this, delay);
            }
        }
    }

    private void waitQuietly() {
        try {
            wait(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
