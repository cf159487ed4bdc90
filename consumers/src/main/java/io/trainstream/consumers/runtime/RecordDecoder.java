package io.trainstream.consumers.runtime;

import io.trainstream.schemas.SingleObjectCodec;
import io.trainstream.schemas.EventDecodingException;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Decodes the runner's records; a record that does not decode goes to the dead-letter topic with its
 * provenance (or, without a dead-letter publisher, is only logged), and is counted. Decoding itself
 * ({@link #decode}) has no side effects and runs on any thread; the rest is runner thread only.
 */
final class RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private final DeadLetterPublisher deadLetters;
    private final Counters counters;

    /** @param deadLetters where undecodable records go, or null to log and skip them */
    RecordDecoder(DeadLetterPublisher deadLetters, Counters counters) {
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    /** What decoding a record gave: a {@link Decoded} event or an {@link Undecodable} record. */
    sealed interface Outcome permits Decoded, Undecodable {}

    /**
     * A decoded record.
     *
     * @param runId its run
     * @param seq its position in the run
     * @param event the typed event, or null for a kind this version does not know (a newer writer's)
     */
    record Decoded(String runId, long seq, RunEvent event) implements Outcome {}

    /**
     * A record that does not decode, or whose payload does not fit its type.
     *
     * @param reason the dead-letter reason code
     * @param message what was wrong
     */
    record Undecodable(String reason, String message) implements Outcome {}

    /**
     * Decodes a record without side effects; thread-safe (the decoder thread of {@link DecodeAhead}
     * calls it).
     *
     * @param record a record of the events topic
     * @param reader the calling thread's reader
     * @return what it decodes to
     */
    static Outcome decode(ConsumerRecord<byte[], byte[]> record, SingleObjectCodec.Reader<TrainerEvent> reader) {
        if (record.value() == null) {
            return new Undecodable("NULL_VALUE", "record has no value");
        }
        try {
            TrainerEvent wire = reader.decode(record.value());
            return new Decoded(wire.getRunId(), wire.getSeq(), AvroEvents.fromAvro(wire).orElse(null));
        } catch (EventDecodingException e) {
            return new Undecodable(e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            return new Undecodable("DECODER_ERROR", e.toString());
        }
    }

    /**
     * Takes a record's outcome on the runner thread: an undecodable record goes to the dead letters
     * (or the log) and is counted there and then, in the record's turn.
     *
     * @return the decoded record, or null when it was dead-lettered
     */
    Decoded accept(ConsumerRecord<byte[], byte[]> record, Outcome outcome) {
        if (outcome instanceof Decoded decoded) {
            return decoded;
        }
        Undecodable bad = (Undecodable) outcome;
        deadLetter(record, bad.reason(), bad.message());
        return null;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, String message) {
        counters.deadLettered.incrementAndGet();
        if (deadLetters == null) {
            LOG.warn("skipping undecodable record {}-{}@{} ({}): {}", record.topic(), record.partition(),
                    record.offset(), reason, message);
            return;
        }
        deadLetters.send(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), reason, message);
    }

    /** Dead-letters a record the client could not even deserialize; the caller skips past it. */
    void deadLetterUnreadable(RecordDeserializationException e) {
        TopicPartition tp = e.topicPartition();
        counters.deadLettered.incrementAndGet();
        if (deadLetters == null) {
            LOG.warn("skipping unreadable record {}@{}: {}", tp, e.offset(), e.getMessage());
            return;
        }
        deadLetters.send(tp.topic(), tp.partition(), e.offset(), bytes(e.keyBuffer()), bytes(e.valueBuffer()),
                e.headers(), "DESERIALIZER_ERROR", e.getMessage());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
