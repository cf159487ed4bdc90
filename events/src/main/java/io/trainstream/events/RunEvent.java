package io.trainstream.events;

import java.util.Objects;

/**
 * One event of a run, typed: its {@link EventHeader} and its {@link EventBody}, the record of its kind.
 * The trainer builds these, the publisher writes them as Avro ({@link AvroEvents}), and every reader
 * (replay, what-if, consumers, the dashboard) reads them back as the same type.
 *
 * @param header run, position and time
 * @param body the kind's own fields
 */
public record RunEvent(EventHeader header, EventBody body) {

    /** Checks that both parts are there. */
    public RunEvent {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
    }

    /** @return the kind of event (from the body) */
    public EventKind kind() {
        return body.kind();
    }

    /** @return the event's public name: a custom event's own name, else its kind's name */
    public String name() {
        return body instanceof EventBody.Custom custom ? custom.name() : body.kind().eventName();
    }

    /** @return the header's run id */
    public String runId() {
        return header.runId();
    }

    /** @return the header's sequence number */
    public long seq() {
        return header.seq();
    }

    /** @return the header's epoch */
    public int epoch() {
        return header.epoch();
    }

    /** @return the header's global step */
    public long globalStep() {
        return header.globalStep();
    }

    /** @return the header's batch index, or null */
    public Integer step() {
        return header.step();
    }

    /** @return the header's time, epoch milliseconds */
    public long timeMillis() {
        return header.timeMillis();
    }
}
