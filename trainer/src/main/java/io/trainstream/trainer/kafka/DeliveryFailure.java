package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.TrainerEvent;

import java.util.Objects;

/**
 * One event that did not reach the log.
 *
 * @param runId the event's run
 * @param seq the event's sequence number in its run
 * @param eventName the event's name
 * @param topic the topic it was meant for
 * @param reason why it was not delivered
 * @param cause the error, or null for {@link Reason#QUEUE_FULL} and {@link Reason#CLOSED}
 * @param event the converted record, or null when conversion failed: what a durable outbox would keep
 */
public record DeliveryFailure(String runId, long seq, String eventName, String topic, Reason reason, Throwable cause,
        TrainerEvent event) {

    /** Why an event was not delivered. */
    public enum Reason {
        /** The queue between the training thread and the producer was full (the broker is slow or away). */
        QUEUE_FULL,
        /** The producer rejected the send or the broker did not acknowledge it within {@code delivery.timeout.ms}. */
        SEND_FAILED,
        /** The event could not be converted or encoded (a bug: its payload does not fit the schema). */
        ENCODE_FAILED,
        /** The event was published after {@code close()}. */
        CLOSED
    }

    /** Checks the required fields. */
    public DeliveryFailure {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return one line: run, seq, event, reason and error */
    public String describe() {
        return "event " + eventName + " (run " + runId + ", seq " + seq + ") not delivered to " + topic + ": " + reason
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    }
}
