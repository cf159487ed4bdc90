package io.trainstream.consumers.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Hands events to one sink exactly once per (run id, seq): drops duplicates, reports gaps (one log
 * line and a counter each), routes sink failures to an {@link ErrorHandler}, and counts. The Kafka
 * runner uses it; so can a replay that re-drives a sink from a recorded run's events.
 *
 * <p>Not thread-safe: one thread dispatches ({@link #stats} may be read from any thread).
 */
public final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventSink sink;
    private final ErrorHandler errorHandler;
    private final SeqTracker tracker;
    final Counters counters;

    /**
     * @param sink the sink to drive
     * @param errorHandler what to do when the sink throws
     */
    public EventDispatcher(EventSink sink, ErrorHandler errorHandler) {
        this(sink, errorHandler, new Counters());
    }

    EventDispatcher(EventSink sink, ErrorHandler errorHandler, Counters counters) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        this.counters = counters;
        this.tracker = new SeqTracker(sink::lastDurableSeq);
    }

    /**
     * Hands an event to the sink unless its (run id, seq) was handled already.
     *
     * @param event the event
     * @return true when the sink was called
     * @throws IllegalArgumentException for a REPLAY event and a sink that does not support replay
     * @throws RuntimeException whatever the error handler throws
     */
    public boolean dispatch(ConsumedEvent event) {
        if (event.isReplay() && !sink.supportsReplay()) {
            throw new IllegalArgumentException("consumer " + sink.name() + " does not support replay");
        }
        switch (tracker.check(event.runId(), event.seq(), event.partition())) {
            case DUPLICATE -> {
                counters.duplicates.incrementAndGet();
                return false;
            }
            case GAP -> {
                counters.gaps.incrementAndGet();
                counters.missing.addAndGet(tracker.lastMissing());
                LOG.warn("consumer {}: gap in run {}: expected seq {}, got {} ({} events missing; partition {} offset {})",
                        sink.name(), event.runId(), tracker.expectedBefore(event.seq()), event.seq(),
                        tracker.lastMissing(), event.partition(), event.offset());
            }
            case NEW -> { }
        }
        try {
            sink.handle(event);
        } catch (RuntimeException e) {
            counters.sinkErrors.incrementAndGet();
            errorHandler.onError(sink.name(), event, e);
            return false;
        }
        counters.processed.incrementAndGet();
        return true;
    }

    /**
     * Notes an event no sink can read (a kind added by a newer writer) without handing it to the sink,
     * so the run's next event is not taken for a gap.
     *
     * @param runId the event's run
     * @param seq its seq
     * @param partition where it was read
     */
    public void passOver(String runId, long seq, int partition) {
        tracker.check(runId, seq, partition);
    }

    /**
     * Forgets what was seen on a partition (it moved to another consumer): the next event of those runs
     * asks the sink again for its durable position.
     *
     * @param partition the partition
     */
    public void forgetPartition(int partition) {
        tracker.forgetPartition(partition);
    }

    /**
     * @param state the state to report
     * @return the counters so far
     */
    public ConsumerStats stats(ConsumerStats.State state) {
        return counters.snapshot(sink.name(), state);
    }
}
