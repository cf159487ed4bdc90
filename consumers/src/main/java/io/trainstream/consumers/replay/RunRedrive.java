package io.trainstream.consumers.replay;

import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.consumers.runtime.ErrorHandler;
import io.trainstream.consumers.runtime.EventDispatcher;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.ReplayStatus;
import io.trainstream.consumers.runtime.ResetReason;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunSummary;

import java.util.Objects;
import java.util.Set;

/**
 * Re-drives a consumer sink from a recorded run, without Kafka: every event of the run, in seq order,
 * marked {@link ReplayStatus#REPLAY}, through an {@link EventDispatcher} (dedupe, gap reports, errors
 * propagated), then {@link EventSink#flush()}. The sink must be a fresh instance writing to its own
 * output (see {@link ReplayOutputs}), never a live consumer's.
 *
 * <p>The sink gets the same frame as from a {@link io.trainstream.consumers.runtime.ConsumerRunner}
 * re-reading the run's partition: a sink that {@linkplain EventSink#rebuildsFromStart() rebuilds from
 * the start} is {@linkplain EventSink#onReset reset} ({@link ResetReason#REASSIGNED}) before the first
 * event, and every sink is told it {@linkplain EventSink#onCaughtUp caught up} after the flush.
 */
public final class RunRedrive {

    private RunRedrive() {}

    /**
     * @param run the run's events
     * @param sink a fresh sink that {@linkplain EventSink#supportsReplay() supports replay}
     * @return the dispatcher's counters
     * @throws ReplayNotSupportedException when the sink does not accept replays (nothing is handed to it)
     */
    public static ConsumerStats redrive(RunLog run, EventSink sink) {
        Objects.requireNonNull(run, "run");
        return redrive(run.summary(), run.events()::forEach, sink);
    }

    /**
     * As {@link #redrive(RunLog, EventSink)}, with the events handed over one at a time (a stream of the
     * run's log), so no list of the run is held.
     *
     * @param summary the run's summary: its events topic and partition frame the events
     * @param events the run's events, handed over once, in seq order
     * @param sink a fresh sink that {@linkplain EventSink#supportsReplay() supports replay}
     * @return the dispatcher's counters
     * @throws ReplayNotSupportedException when the sink does not accept replays (nothing is handed to it)
     */
    public static ConsumerStats redrive(RunSummary summary, RunEventSource events, EventSink sink) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(sink, "sink");
        if (!sink.supportsReplay()) {
            throw new ReplayNotSupportedException(sink.name());
        }
        EventDispatcher dispatcher = new EventDispatcher(sink, ErrorHandler.PROPAGATE);
        String topic = summary.getEventsTopic();
        int partition = summary.getPartition();
        if (sink.rebuildsFromStart()) {
            sink.onReset(Set.of(partition), ResetReason.REASSIGNED);
        }
        // a recorded run's events keep their seq, not their offsets: seq stands in for the offset
        events.forEachEvent((RunEvent event) ->
                dispatcher.dispatch(new ConsumedEvent(event, topic, partition, event.seq(), ReplayStatus.REPLAY)));
        sink.flush();
        sink.onCaughtUp(partition);
        return dispatcher.stats(ConsumerStats.State.STOPPED);
    }
}
