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
 * @param cause the error, or null for {@link Reason#CLOSED}
 * @param event the converted record, or null when conversion failed or only the outbox entry is known
 */
public record DeliveryFailure(String runId, long seq, String eventName, String topic, Reason reason, Throwable cause,
        TrainerEvent event) {

    /** Why an event was not delivered. */
    public enum Reason {
        /** Not used since the outbox: a full queue blocks the training thread instead. Kept for compatibility. */
        QUEUE_FULL,
        /** The outbox could not be written, so the event is not durable (disk full, directory removed). */
        SEND_FAILED,
        /**
         * Kafka refused the record for good: larger than the producer's {@code max.request.size} or the
         * broker's {@code message.max.bytes}, or otherwise invalid. Retrying cannot help.
         */
        REJECTED,
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
