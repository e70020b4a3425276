package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osmium.api.cpu.Hart;
import org.osmium.api.state.StateRecord;

/** Pausing the execution thread: pause() returns only once no hart runs, whenever the thread started. */
class ExecutionLoopTest {
    /** A hart whose every slice takes 50 ms, and which tells when it is inside one. */
    private static final class SlowHart implements Hart {
        final CountDownLatch sliceStarted = new CountDownLatch(1);
        volatile boolean inSlice;

        @Override
        public long run(long budget) {
            inSlice = true;
            sliceStarted.countDown();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inSlice = false;
            return budget;
        }

        @Override
        public int hartId() {
            return 0;
        }

        @Override
        public void stopRun() {
        }

        @Override
        public boolean isWaiting() {
            return false;
        }

        @Override
        public Map<String, Long> registers() {
            return Map.of();
        }

        @Override
        public void setRegister(String name, long value) {
        }

        @Override
        public void invalidateCode(long address, long length) {
        }

        @Override
        public void memoryMapChanged() {
        }

        @Override
        public void reset() {
        }

        @Override
        public StateRecord saveState() {
            return StateRecord.builder("slow-hart", 1).build();
        }

        @Override
        public void restoreState(StateRecord state) {
        }
    }

    /**
     * A machine resumed before its new thread first ran (a busy host starts threads late): the thread never stood
     * still, and pause() once took that for standing still and let a device swap run beside the guest.
     */
    @Test
    void pauseWaitsForTheSliceWhenTheThreadNeverStoodStillBefore() throws InterruptedException {
        SlowHart hart = new SlowHart();
        ExecutionLoop loop = loopRunning(hart);
        loop.resume();
        loop.startThread("test");
        assertPauseWaitsForTheSlice(hart, loop);
    }

    /** Started as {@code machine:start} starts it: the thread, then at once the resume. */
    @Test
    void pauseWaitsForTheSliceWhenStartedAsTheMachineStartsIt() throws InterruptedException {
        SlowHart hart = new SlowHart();
        ExecutionLoop loop = loopRunning(hart);
        loop.startThread("test");
        loop.resume();
        assertPauseWaitsForTheSlice(hart, loop);
    }

    private static ExecutionLoop loopRunning(Hart hart) {
        ExecutionLoop loop = new ExecutionLoop(new MachineClock(), failure -> {
        });
        loop.setHarts(new Hart[] {hart});
        return loop;
    }

    /** Pauses while the hart is inside a slice, checks that it is out of it, and ends the thread. */
    private static void assertPauseWaitsForTheSlice(SlowHart hart, ExecutionLoop loop) throws InterruptedException {
        try {
            assertTrue(hart.sliceStarted.await(5, TimeUnit.SECONDS), "the hart never ran");
            loop.pause();
            assertFalse(hart.inSlice, "the hart was still running when pause() returned");
        } finally {
            loop.stop();
        }
    }
}
