package io.trainstream.consumers.runtime;

import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;

import java.util.Objects;

/**
 * One decoded event as a sink receives it, with where it was read.
 *
 * @param event the decoded, typed event
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param status {@link ReplayStatus#LIVE} or {@link ReplayStatus#REPLAY}
 */
public record ConsumedEvent(RunEvent event, String topic, int partition, long offset, ReplayStatus status) {

    /** Checks that nothing is null and the position is valid. */
    public ConsumedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(status, "status");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0, were " + partition + ", " + offset);
        }
    }

    /** @return the event's run id */
    public String runId() {
        return event.runId();
    }

    /** @return the event's position in its run (0, 1, 2, ...) */
    public long seq() {
        return event.seq();
    }

    /** @return the event's kind */
    public EventKind kind() {
        return event.kind();
    }

    /** @return true when the event is re-read ({@link ReplayStatus#REPLAY}) */
    public boolean isReplay() {
        return status == ReplayStatus.REPLAY;
    }
}
