package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.TrainerEvent;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the sender takes converted events off the training thread's queue: in batches, gathering for a
 * few milliseconds while events flow instead of being woken by every {@code publish()} (a blocking poll
 * is signalled by each one: one wake-up, and one tiny produce batch, per event), and sleeping on the
 * queue only after a round that found nothing. Events taken but not written (the outbox could not be
 * written) are handed back and come first, in order, next time.
 */
final class EventIntake {

    /**
     * How long to gather while events flow, at least: the producer's 2 ms linger comes on top
     * ({@link ProducerSettings#LINGER_MS}, which keeps one hand-over in one produce request). Gathering wakes
     * the sender a third as often as 5 ms did (bench costperevent: sender context switches per event
     * 0.21 -> 0.14). System property {@code trainstream.sender.gather.ms} (default 15; 0 wakes on every event,
     * kept so the bench can compare).
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("trainstream.sender.gather.ms", 15));
    /**
     * Events worth one produce request. Every request costs about the same CPU in both JVMs whatever it
     * carries (~10 thread wake-ups; issue 11 per-request.md), so when fewer than this came in the first
     * {@link #GATHER_NANOS}, as with a model whose steps take 10 ms, the sender waits once more, for about
     * as long as the rest take at the rate just seen: a 10 ms-step model's ~200 events/s then go out in at
     * most 20 hand-overs a second (the 50 ms cap) instead of ~65 (computed, not counted by a bench). At
     * ~1,000 events/s the first wait brings about that many, so
     * the latency there stays what 15 ms of gathering gives (bench latency: with 24, p50 13 -> 23 ms at
     * 1,000 events/s, too close to the 50 ms p99 a live view is promised).
     * System property {@code trainstream.sender.gather.events} (default 16; 0: never wait longer).
     */
    private static final int HANDOVER_EVENTS = Integer.getInteger("trainstream.sender.gather.events", 16);
    /**
     * The longest gathering in all, when events come slowly: what a live view may lag behind training.
     * System property {@code trainstream.sender.gather.max.ms} (default 50).
     */
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("trainstream.sender.gather.max.ms", 50));

    private final BlockingQueue<TrainerEvent> queue;
    private final Deque<TrainerEvent> carried = new ConcurrentLinkedDeque<>();
    private final int batchSize;
    private boolean lastRoundIdle = true;

    EventIntake(BlockingQueue<TrainerEvent> queue, int batchSize) {
        this.queue = queue;
        this.batchSize = batchSize;
    }

    /**
     * @param waitMillis how long to sleep on an empty queue after an idle round; 0 never waits
     * @return the next events in order, carried ones first; empty when none came
     */
    List<TrainerEvent> take(long waitMillis) {
        List<TrainerEvent> batch = new ArrayList<>();
        TrainerEvent held;
        while (batch.size() < batchSize && (held = carried.poll()) != null) {
            batch.add(held);
        }
        if (batch.isEmpty() && waitMillis > 0) {
            if (queue.isEmpty() && (lastRoundIdle || GATHER_NANOS == 0)) {
                try {
                    TrainerEvent first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (!lastRoundIdle && GATHER_NANOS > 0 && queue.size() < Math.max(HANDOVER_EVENTS, 1)) {
                // while events flow, the few that came while the last hand-over was written wait for the
                // next one: taken at once, they made a second, tiny hand-over (and a sender round) per gathering
                gather();
            }
        }
        queue.drainTo(batch, batchSize - batch.size());
        lastRoundIdle = batch.isEmpty();
        return batch;
    }

    private void gather() {
        long start = System.nanoTime();
        LockSupport.parkNanos(GATHER_NANOS);
        long more = moreGatherNanos(queue.size(), System.nanoTime() - start, HANDOVER_EVENTS, MAX_GATHER_NANOS);
        if (more > 0) {
            LockSupport.parkNanos(more);
        }
    }

    /**
     * How much longer to gather after a first wait, so that a hand-over carries about {@code handover}
     * events: none when that many came or none did (an idle queue is slept on instead), else as long as
     * the missing ones take at the rate seen so far, within {@code maxNanos} of gathering in all.
     *
     * @param gathered events that came during the first wait
     * @param waitedNanos how long the first wait took
     * @param handover events worth one produce request; 0 never waits longer
     * @param maxNanos the longest gathering in all
     * @return nanoseconds to wait more, 0 for none
     */
    static long moreGatherNanos(int gathered, long waitedNanos, int handover, long maxNanos) {
        if (gathered <= 0 || gathered >= handover || waitedNanos <= 0) {
            return 0;
        }
        double perEvent = (double) waitedNanos / gathered;
        long wanted = (long) ((handover - gathered) * perEvent);
        return Math.max(0, Math.min(wanted, maxNanos - waitedNanos));
    }

    /** Hands back the events from {@code from} on, not written: they come first next time, in order. */
    void handBack(List<TrainerEvent> batch, int from) {
        for (int i = batch.size() - 1; i >= from; i--) {
            carried.addFirst(batch.get(i));
        }
    }

    /** @return true when no event is held back nor queued */
    boolean isEmpty() {
        return carried.isEmpty() && queue.isEmpty();
    }

    /** @return the events taken but not written, in order */
    List<TrainerEvent> carried() {
        return List.copyOf(carried);
    }
}
