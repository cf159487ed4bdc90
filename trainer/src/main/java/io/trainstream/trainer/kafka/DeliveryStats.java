package io.trainstream.trainer.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publisher's counters (spilled and drained included), and the wait for "nothing outstanding". Outstanding counts events and run
 * summaries that were accepted but are neither acknowledged nor failed. Thread-safe.
 */
final class DeliveryStats {

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong summariesWritten = new AtomicLong();
    private final AtomicLong summaryFailures = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong drained = new AtomicLong();
    private volatile String outboxDir;
    private final LostEvents lost = new LostEvents();
    private final Object idle = new Object();
    private volatile String lastError;

    /** An event was accepted: counts until it is delivered or fails. */
    void eventAccepted() {
        published.incrementAndGet();
        pendingEvents.incrementAndGet();
        outstanding.incrementAndGet();
    }

    /** Events a crashed or closed predecessor left in the outbox: pending until delivered. */
    void recovered(long count, String dir) {
        recovered.addAndGet(count);
        pendingEvents.addAndGet(count);
        outstanding.addAndGet(count);
        outboxDir = dir;
    }

    /**
     * Recovery of a predecessor's outbox (its leftovers and CRASHED runs) is under way: one outstanding
     * token, so {@link #awaitIdle} waits for it, until {@link #recoveryDone()}.
     */
    void recoveryStarted() {
        outstanding.incrementAndGet();
    }

    /** Recovery is over: every CRASHED summary it found is queued (and counted on its own). */
    void recoveryDone() {
        done();
    }

    void outboxDir(String dir) {
        outboxDir = dir;
    }

    void spilled() {
        spilled.incrementAndGet();
    }

    void drained() {
        drained.incrementAndGet();
    }

    long spilledCount() {
        return spilled.get();
    }

    long drainedCount() {
        return drained.get();
    }

    void eventDelivered() {
        delivered.incrementAndGet();
        pendingEvents.decrementAndGet();
        done();
    }

    void eventFailed(DeliveryFailure failure) {
        failed.incrementAndGet();
        pendingEvents.decrementAndGet();
        lost.add(failure.runId(), failure.seq());
        lastError = failure.describe();
        done();
    }

    void summaryAccepted() {
        outstanding.incrementAndGet();
    }

    void summaryWritten() {
        summariesWritten.incrementAndGet();
        done();
    }

    /** A summary that failed to send and was not resent, because a later one of its run was queued. */
    void summarySuperseded() {
        done();
    }

    void summaryFailed(String error) {
        summaryFailures.incrementAndGet();
        lastError = error;
        done();
    }

    /**
     * @param timeout the longest to wait
     * @return true when nothing was outstanding before the timeout
     */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    DeliveryReport report() {
        return new DeliveryReport(published.get(), delivered.get(), failed.get(), pendingEvents.get(),
                summariesWritten.get(), summaryFailures.get(), lost.describe(), lastError, recovered.get(), spilled.get(),
                drained.get(), outboxDir);
    }

    private void done() {
        if (outstanding.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
