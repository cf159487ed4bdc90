package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.trainer.outbox.Outbox;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands outbox entries to the current producer and settles their acknowledgements. A producer is one
 * <em>generation</em>: at its first failed send it is closed at once ({@code close(0)} aborts every
 * batch it still holds), so no later event of the same partition can land after the failed one and
 * the topic keeps each run's events in seq order. The sender then spills until a new generation
 * drains the outbox from the first unacknowledged position.
 *
 * <p>{@link #send} runs on the sender thread; the callbacks on the producer's I/O thread.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final KafkaPublisherConfig config;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Outbox outbox;
    private final OpenRuns openRuns;
    private final DeliveryStats stats;
    private final Queue<RunSummary> dueSummaries;
    private final Consumer<DeliveryFailure> onFailure;
    private volatile Producer<String, byte[]> producer;
    private volatile int generation;
    private volatile int failedGeneration = -1;
    private volatile Exception failureCause;
    /** One past the highest position handed to the current generation (-1: none yet). */
    private volatile long sentUpTo = -1;

    Delivery(KafkaPublisherConfig config, Supplier<Producer<String, byte[]>> producers, Producer<String, byte[]> first,
            Outbox outbox, OpenRuns openRuns, DeliveryStats stats, Queue<RunSummary> dueSummaries,
            Consumer<DeliveryFailure> onFailure) {
        this.config = config;
        this.producers = producers;
        this.producer = first;
        this.outbox = outbox;
        this.openRuns = openRuns;
        this.stats = stats;
        this.dueSummaries = dueSummaries;
        this.onFailure = onFailure;
    }

    /** @return the current producer, or null between generations */
    Producer<String, byte[]> producer() {
        return producer;
    }

    /** @return true when the current generation has failed (or there is none) */
    boolean broken() {
        return producer == null || failedGeneration == generation;
    }

    /** @return the error that broke the last generation */
    Exception failureCause() {
        return failureCause;
    }

    /**
     * Starts a new generation.
     *
     * @return true when a producer could be created
     */
    boolean renew() {
        try {
            generation++;
            sentUpTo = -1;
            producer = producers.get();
            EventPathPriority.lowerProducerThreads();
            return true;
        } catch (RuntimeException e) {
            failureCause = e;
            producer = null;
            return false;
        }
    }

    /** Closes the current generation without waiting: what it still holds is aborted (and stays in the outbox). */
    void abandon() {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            closeQuietly(current, Duration.ZERO);
        }
    }

    /** Closes the current generation, giving in-flight sends up to the timeout. */
    void close(Duration timeout) {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            closeQuietly(current, timeout);
        }
    }

    /** Sends one entry with the current generation. */
    void send(long position, String runId, long seq, byte[] value) {
        Producer<String, byte[]> current = producer;
        int gen = generation;
        if (current == null) {
            failed(gen, new IllegalStateException("no producer"));
            return;
        }
        sentUpTo = Math.max(sentUpTo, position + 1);
        try {
            current.send(new ProducerRecord<>(config.eventsTopic(), runId, value),
                    (metadata, error) -> done(gen, current, position, runId, seq, metadata, error));
        } catch (RuntimeException e) {
            done(gen, current, position, runId, seq, null, e);
        }
    }

    /** @return one past the highest position the current generation was handed, or -1 */
    long sentUpTo() {
        return sentUpTo;
    }

    /**
     * Breaks the current generation because an entry it was handed got no answer in time: Kafka answers
     * every send within {@code delivery.timeout.ms}, so a watermark that stays put longer means a lost
     * or unsettled callback; the sender then resends from the watermark with a new generation.
     *
     * @param why what was seen, for the log and {@link #failureCause()}
     */
    void stall(String why) {
        int gen = generation;
        if (producer != null && failedGeneration != gen) {
            failed(gen, new org.apache.kafka.common.errors.TimeoutException(why));
        }
    }

    private void done(int gen, Producer<String, byte[]> from, long position, String runId, long seq,
            RecordMetadata metadata, Exception error) {
        try {
            settle(gen, from, position, runId, seq, metadata, error);
        } catch (RuntimeException e) {
            // never let a bookkeeping error vanish in the producer's callback handler: resend instead
            LOG.error("settling outbox position {} (run {} seq {}) failed: {}", position, runId, seq, e.toString(), e);
            if (gen == generation && failedGeneration != gen) {
                failed(gen, e);
            }
        }
    }

    private void settle(int gen, Producer<String, byte[]> from, long position, String runId, long seq,
            RecordMetadata metadata, Exception error) {
        if (error == null) {
            // the summary this ack makes due is counted before the event stops counting: otherwise the
            // outstanding count can touch 0 in between and flush() returns with the summary unwritten
            RunSummary due = openRuns.acked(runId, seq, metadata);
            if (due != null) {
                stats.summaryAccepted();
                dueSummaries.add(due);
            }
            if (outbox.acked(position)) {
                stats.eventDelivered();
            }
        } else if (isRejection(error)) {
            if (outbox.acked(position)) {
                reject(runId, seq, error);
            }
        } else if (gen == generation && failedGeneration != gen) {
            failed(gen, error);
            // from the I/O thread close(0) is the only close allowed, and the one wanted: it aborts the rest
            closeQuietly(from, Duration.ZERO);
        }
    }

    private void failed(int gen, Exception error) {
        failureCause = error;
        failedGeneration = gen;
    }

    private void reject(String runId, long seq, Exception error) {
        RunSummary due = openRuns.failed(runId, seq);
        if (due != null) {
            stats.summaryAccepted();
            dueSummaries.add(due);
        }
        DeliveryFailure failure = new DeliveryFailure(runId, seq, "?", config.eventsTopic(),
                DeliveryFailure.Reason.REJECTED, error, null);
        LOG.error("{} — the event is dropped: retrying cannot succeed", failure.describe());
        onFailure.accept(failure);
    }

    /** @return true for errors about the record itself, which no retry can fix */
    static boolean isRejection(Exception error) {
        return error instanceof RecordTooLargeException || error instanceof InvalidRecordException
                || error instanceof SerializationException;
    }

    private static void closeQuietly(Producer<String, byte[]> producer, Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("producer close: {}", e.toString());
        }
    }
}
