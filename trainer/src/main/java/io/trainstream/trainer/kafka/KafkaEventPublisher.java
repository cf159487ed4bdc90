package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.event.TrainingEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends every event of a run to the Kafka events topic as an Avro {@code TrainerEvent} (key: run id,
 * so a run's events stay in one partition, in order) and keeps the compacted runs topic up to date:
 * a RUNNING summary once the run's start event is acknowledged, the final one once its end event is.
 *
 * <p>{@link #publish} converts the event on the calling (training) thread and puts it on a bounded
 * queue; it never waits on the network. A sender thread hands queued events to an idempotent,
 * {@code acks=all}, batching producer. An event that cannot be delivered (queue full, send failed,
 * broker gone past {@code delivery.timeout.ms}) is never dropped silently: it is counted, its run id
 * and seq are kept in the {@link #deliveryReport()}, it is passed to the {@link DeliveryFailureHandler},
 * and {@link #flush} returns false from then on.
 *
 * <p>{@code publish} is meant for one training thread at a time; the other methods are thread-safe.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaPublisherConfig config;
    private final EventConverter converter;
    private final DeliveryFailureHandler failureHandler;
    private final Producer<String, byte[]> producer;
    private final DeliveryStats stats = new DeliveryStats();
    private final EventSender sender;
    private volatile boolean closed;
    private DeliveryReport lastLogged;

    /**
     * Creates a publisher that logs delivery failures ({@link DeliveryFailureHandler#logging()}). The
     * topics must exist or be auto-created: see {@link #open(KafkaPublisherConfig)}.
     *
     * @param config the cluster, topics and producer settings
     */
    public KafkaEventPublisher(KafkaPublisherConfig config) {
        this(config, DeliveryFailureHandler.logging());
    }

    /**
     * @param config the cluster, topics and producer settings
     * @param failureHandler told about every event that is not delivered
     */
    public KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler) {
        this(config, failureHandler, new KafkaProducer<>(
                ProducerSettings.of(config, "trainstream-publisher-" + CLIENTS.incrementAndGet()),
                new StringSerializer(), new ByteArraySerializer()), EventConverter.forLocalHost());
    }

    KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler,
            Producer<String, byte[]> producer, EventConverter converter) {
        this.config = Objects.requireNonNull(config, "config");
        this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.sender = new EventSender(config, producer, stats, this::failed);
        sender.start();
    }

    /**
     * Creates the topics when missing ({@link TopicSetup}), then a publisher whose producer already
     * knows the events topic's partitions.
     *
     * @param config the cluster, topics and producer settings
     * @return a ready publisher
     * @throws EventLogUnavailableException when the cluster does not answer within
     *     {@link TopicSetup#DEFAULT_TIMEOUT}
     */
    public static KafkaEventPublisher open(KafkaPublisherConfig config) {
        return open(config, TopicSetup.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #open(KafkaPublisherConfig)}, with a given bound on reaching the cluster.
     *
     * @param config the cluster, topics and producer settings
     * @param timeout bound on creating the topics
     * @return a ready publisher
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     */
    public static KafkaEventPublisher open(KafkaPublisherConfig config, Duration timeout) {
        TopicSetup.ensureTopics(config, timeout);
        KafkaEventPublisher publisher = new KafkaEventPublisher(config);
        try {
            publisher.producer.partitionsFor(config.eventsTopic());
            publisher.producer.partitionsFor(config.runsTopic());
        } catch (RuntimeException e) {
            publisher.close();
            throw new EventLogUnavailableException(config.bootstrapServers(),
                    Duration.ofMillis(ProducerSettings.MAX_BLOCK_MS), "fetch topic metadata", e);
        }
        return publisher;
    }

    /** @return the config this publisher writes with */
    public KafkaPublisherConfig config() {
        return config;
    }

    /**
     * Converts the event and queues it for the sender thread; never blocks on the network. A full
     * queue, a closed publisher or an event that does not fit the schema counts as a failure.
     *
     * @param event the event, with its sequence number already assigned
     */
    @Override
    public void publish(TrainingEvent event) {
        stats.eventAccepted();
        if (closed) {
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.CLOSED, null, null));
            return;
        }
        TrainerEvent record;
        try {
            record = converter.convert(event);
        } catch (RuntimeException e) {
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.ENCODE_FAILED, e, null));
            return;
        }
        if (!sender.offer(record)) {
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.QUEUE_FULL, null, record));
        }
    }

    /**
     * Waits until every event published so far, and every run summary due, is acknowledged or has
     * failed, or the timeout passes. Logs the {@link #deliveryReport()} when something was lost.
     *
     * @param timeout the longest to wait
     * @return true only when nothing is pending and nothing published so far has failed
     */
    @Override
    public boolean flush(Duration timeout) {
        boolean idle = stats.awaitIdle(timeout);
        DeliveryReport report = deliveryReport();
        if (!report.allDelivered()) {
            logReport(report, idle ? "" : " (flush timed out after " + timeout.toMillis() + " ms)");
        }
        return idle && report.allDelivered();
    }

    /** @return what was delivered, what failed (by run and seq) and what is pending, right now */
    public DeliveryReport deliveryReport() {
        return stats.report();
    }

    /**
     * Flushes with the config's {@code flushTimeout}, stops the sender thread and closes the producer;
     * whatever is still undelivered then is counted as failed. Logs the final report. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush(config.flushTimeout());
        closed = true;
        List<Object> left = sender.stop(Duration.ofMillis(ProducerSettings.MAX_BLOCK_MS + 500L));
        for (Object item : left) {
            if (item instanceof TrainerEvent event) {
                failed(new DeliveryFailure(event.getRunId(), event.getSeq(), event.getType().name().toLowerCase(
                        java.util.Locale.ROOT), config.eventsTopic(), DeliveryFailure.Reason.CLOSED, null, event));
            } else {
                stats.summaryFailed("run summary not written: publisher closed");
            }
        }
        producer.close(PRODUCER_CLOSE_TIMEOUT);
        DeliveryReport report = deliveryReport();
        if (report.allDelivered()) {
            LOG.debug("event publisher closed: {}", report.message());
        } else {
            logReport(report, " (at close)");
        }
    }

    private void failed(DeliveryFailure failure) {
        stats.eventFailed(failure);
        try {
            failureHandler.onFailure(failure);
        } catch (RuntimeException e) {
            LOG.error("delivery failure handler threw while handling: {}", failure.describe(), e);
        }
    }

    private synchronized void logReport(DeliveryReport report, String when) {
        if (report.equals(lastLogged)) {
            return;
        }
        lastLogged = report;
        LOG.error("event log {} at {}: {}{}", config.eventsTopic(), config.bootstrapServers(), report.message(), when);
    }
}
