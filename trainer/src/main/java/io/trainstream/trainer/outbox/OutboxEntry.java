package io.trainstream.trainer.outbox;

import java.util.Objects;

/**
 * One event kept in the outbox.
 *
 * @param position the entry's place in the outbox, contiguous from 0 over the outbox's whole life
 * @param runId the event's run
 * @param seq the event's sequence number in its run
 * @param value the event's encoded bytes, exactly as they go to Kafka
 */
public record OutboxEntry(long position, String runId, long seq, byte[] value) {

    /** Checks the fields. */
    public OutboxEntry {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(value, "value");
    }

    /** @return bytes this entry takes in a segment file, framing included */
    public int frameSize() {
        return Frames.frameSize(this);
    }
}
