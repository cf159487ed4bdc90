package io.trainstream.consumers.runlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a source of batches on a thread of its own while the calling thread handles what it produced:
 * reading a run, Kafka's fetch and record parsing (about a third of the work) then overlaps with
 * decoding and visiting (the rest) instead of alternating with them on one core.
 *
 * <p>Each item is prepared (decoded) before it is handled, by whichever thread has time: the source's
 * thread prepares a batch itself when batches are already waiting for the calling thread, and hands it
 * over raw when the calling thread is idle, so the work balances between the two whichever side is
 * slower. Each thread gets its own preparer from {@code preparers} (so a preparer may keep buffers
 * without thread-locals); a preparer must not throw.
 *
 * <p>The source runs at most {@code capacity} batches ahead (a bounded queue), so the heap holds a few
 * polls of records whatever the run's length. Batches, and the items in each, reach the handler in
 * the order the source produced them, on the calling thread. A failure of the source is rethrown on
 * the calling thread, as the same exception, after the batches produced before it were handled. When
 * the handler throws or the calling thread is interrupted, the source's thread is interrupted and
 * joined before {@link #drain} returns: no thread is left behind.
 *
 * @param <T> what a batch holds
 * @param <U> what an item becomes when prepared
 */
final class ReadAhead<T, U> {

    /** Produces batches; must respond to interruption (Kafka's {@code poll} does). */
    @FunctionalInterface
    interface Source<T> {
        /** @param out receives each batch in order; throws an unchecked exception once the reader stopped */
        void produce(Consumer<List<T>> out);
    }

    /** How many polls of records may wait: enough to keep both threads busy, few enough to bound the heap. */
    static final int DEFAULT_CAPACITY = 4;
    /** The thread name, so that tests and thread dumps can find it. */
    static final String THREAD_NAME = "trainstream-read-ahead";

    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Item<Object, Object> END = new Item<>(null, null, null);

    private final BlockingQueue<Item<T, U>> queue;
    private final Supplier<? extends Function<? super T, ? extends U>> preparers;
    private volatile boolean stopped;

    private ReadAhead(int capacity, Supplier<? extends Function<? super T, ? extends U>> preparers) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.preparers = preparers;
    }

    /**
     * Runs {@code source} on a new thread and hands every item of every batch, prepared, to
     * {@code handler} on the calling thread, in order; returns when the source is done and its batches
     * are handled.
     *
     * @param capacity how many batches may wait (at least 1)
     * @param source what produces the batches
     * @param preparers makes a preparer for a thread: what each item becomes before it is handled
     * @param handler what handles each prepared item, on the calling thread
     * @param <T> what a batch holds
     * @param <U> what an item becomes when prepared
     * @throws RunLogException when the calling thread is interrupted (its interrupt flag stays set)
     */
    static <T, U> void drain(int capacity, Source<T> source, Supplier<? extends Function<? super T, ? extends U>> preparers,
            Consumer<? super U> handler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("read-ahead capacity must be at least 1, got " + capacity);
        }
        new ReadAhead<T, U>(capacity, preparers).run(source, handler);
    }

    private void run(Source<T> source, Consumer<? super U> handler) {
        Function<? super T, ? extends U> prepare = preparers.get();
        Thread producer = new Thread(() -> produce(source), THREAD_NAME);
        producer.setDaemon(true);
        producer.start();
        try {
            while (true) {
                Item<T, U> item = queue.take();
                if (item.failure() != null) {
                    throw rethrown(item.failure());
                }
                if (item.prepared() != null) {
                    for (U each : item.prepared()) {
                        handler.accept(each);
                    }
                } else if (item.raw() != null) {
                    for (T each : item.raw()) {
                        handler.accept(prepare.apply(each));
                    }
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunLogException("interrupted while reading the log", e);
        } finally {
            stop(producer);
        }
    }

    private void produce(Source<T> source) {
        try {
            Function<? super T, ? extends U> prepare = preparers.get();
            source.produce(batch -> handOver(batch, prepare));
            put(end());
        } catch (Stopped e) {
            // the reader is gone: nothing to hand over
        } catch (Throwable e) {
            if (!stopped) {
                try {
                    put(new Item<>(null, null, e));
                } catch (Stopped ignored) {
                    // the reader stopped meanwhile
                }
            }
        }
    }

    /**
     * Prepares the batch here when the calling thread has batches waiting (it is the slower side), and
     * hands it over raw when it has none (it would otherwise sit idle while this thread prepares).
     */
    private void handOver(List<T> batch, Function<? super T, ? extends U> prepare) {
        if (queue.isEmpty()) {
            put(new Item<>(batch, null, null));
            return;
        }
        List<U> prepared = new ArrayList<>(batch.size());
        for (T each : batch) {
            prepared.add(prepare.apply(each));
        }
        put(new Item<>(null, prepared, null));
    }

    private void put(Item<T, U> item) {
        if (stopped) {
            throw new Stopped();
        }
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private void stop(Thread producer) {
        stopped = true;
        producer.interrupt();
        queue.clear(); // a producer blocked in put() sees the interrupt; nothing it queued is needed
        boolean interrupted = false;
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (producer.isAlive() && System.nanoTime() < deadline) {
            try {
                producer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true; // join anyway: the caller's interrupt must not leave the thread behind
            }
        }
        if (producer.isAlive()) {
            LOG.warn("read-ahead thread did not stop within {}", JOIN_TIMEOUT);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private Item<T, U> end() {
        return (Item<T, U>) END;
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new RunLogException("reading the log failed: " + failure, failure);
    }

    /** A raw batch, a prepared one, the end (all null) or the source's failure. */
    private record Item<T, U>(List<T> raw, List<U> prepared, Throwable failure) {}

    /** Thrown into the source when the reader stopped, to unwind it. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
