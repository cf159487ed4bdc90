package io.trainstream.cli.demo;

import io.trainstream.consumers.kinds.LiveConsumer;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.time.Duration;
import java.util.List;

/** Waits until consumers have handled a run completely: its {@code run_end} seen and no lag left. */
final class CatchUp {

    private static final long POLL_MS = 100;

    private CatchUp() {
    }

    /**
     * @param consumers the consumers
     * @param runId the run
     * @param timeout the longest wait
     * @return true when every consumer caught up in time
     * @throws InterruptedException when interrupted
     */
    static boolean await(List<LiveConsumer> consumers, String runId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (consumers.stream().allMatch(consumer -> caughtUp(consumer, runId))) {
                return true;
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    private static boolean caughtUp(LiveConsumer consumer, String runId) {
        ConsumerStats stats = consumer.stats();
        // lag is -1 until the runner knows it: the run's run_end is then the signal
        return consumer.hasSeenEnd(runId) && stats.lag() <= 0;
    }
}
