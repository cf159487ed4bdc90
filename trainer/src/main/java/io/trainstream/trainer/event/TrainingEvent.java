package io.trainstream.trainer.event;

import java.util.Map;
import java.util.Objects;

/**
 * One event of a run, as appended to the event log: an envelope (run, sequence number, time, position
 * in the run) and the event's own fields.
 *
 * <p>Payload values are restricted to what the wire format carries: null, Boolean, Long, Double,
 * String, {@code double[]}, and for run start a few nested {@code Map<String, ?>} values.
 *
 * @param runId the run this event belongs to
 * @param seq position in the run's log, contiguous from 0
 * @param timeMillis wall-clock time the event was raised, epoch milliseconds
 * @param type the kind of event
 * @param name the event name: {@code type.eventName()}, or the custom event's own name
 * @param epoch the run history's current epoch when raised
 * @param globalStep optimizer updates completed in this run when raised
 * @param step 0-based batch index in the epoch for step events, else null
 * @param payload the event's fields
 */
public record TrainingEvent(String runId, long seq, long timeMillis, EventType type, String name, int epoch,
        long globalStep, Integer step, Map<String, Object> payload) {

    /** Checks the required fields. */
    public TrainingEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        payload = payload == null ? Map.of() : payload;
    }
}
