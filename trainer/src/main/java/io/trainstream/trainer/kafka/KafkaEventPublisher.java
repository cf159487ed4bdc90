package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.outbox.FullPolicy;
import io.trainstream.trainer.outbox.Outbox;
import io.trainstream.trainer.outbox.OutboxFullException;
import io.trainstream.trainer.outbox.OutboxUnavailableException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends every event of a run to the Kafka events topic as an Avro {@code TrainerEvent} (key: run id,
 * so a run's events stay in one partition, in order) and keeps the compacted runs topic up to date:
 * a RUNNING summary once the run's start event is acknowledged (skipped when the sender has already
 * seen the run's end by then), the final one once its end event is.
 *
 * <p>Nothing published is lost to a broker outage or a crash: {@link #publish} converts the event on
 * the calling (training) thread and puts it on a bounded queue; the sender thread appends it to a
 * durable {@link Outbox} (fsync in batches) before it hands it to an idempotent, {@code acks=all}
 * producer. While Kafka does not answer, events only go to the outbox and training continues; when
 * it answers again, the outbox drains in order. A publisher opened on the outbox directory of one
 * that crashed first delivers what that one left, and marks its unfinished runs CRASHED. Only events
 * Kafka refuses for good (too large) or that cannot be encoded are dropped: each is counted, logged,
 * kept in the {@link #deliveryReport()} and passed to the {@link DeliveryFailureHandler}.
 *
 * <p>At the outbox's bound, {@link FullPolicy#BLOCK} makes {@code publish} wait and
 * {@link FullPolicy#FAIL} makes it throw {@link OutboxFullException}.
 *
 * <p>{@code publish} is meant for one training thread at a time; the other methods are thread-safe.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final KafkaPublisherConfig config;
    private final EventConverter converter;
    private final DeliveryFailureHandler failureHandler;
    private final DeliveryStats stats = new DeliveryStats();
    private final BlockingQueue<TrainerEvent> queue;
    private final Outbox outbox;
    private final LogIdentity identity;
    private final EventSender sender;
    private volatile boolean closed;
    private volatile DeliveryReport stalledAt;
    /** How long a flush waits when the previous one timed out and nothing was delivered since. */
    private static final Duration STALLED_FLUSH = Duration.ofSeconds(2);
    private boolean blockedLogged;
    private DeliveryReport lastLogged;

    /**
     * Creates a publisher that logs delivery failures ({@link DeliveryFailureHandler#logging()}). The
     * topics must exist or be auto-created: see {@link #open(KafkaPublisherConfig)}.
     *
     * @param config the cluster, topics, producer and outbox settings
     * @throws OutboxUnavailableException when the outbox directory cannot be created, written or locked
     */
    public KafkaEventPublisher(KafkaPublisherConfig config) {
        this(config, DeliveryFailureHandler.logging());
    }

    /**
     * @param config the cluster, topics, producer and outbox settings
     * @param failureHandler told about every event that is dropped
     * @throws OutboxUnavailableException when the outbox directory cannot be created, written or locked
     */
    public KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler) {
        this(config, failureHandler, LogIdentity.resolve(config, LogIdentity.DEFAULT_TIMEOUT));
    }

    /**
     * @param config the cluster, topics, producer and outbox settings
     * @param failureHandler told about every event that is dropped
     * @param identity the log's identity (its cluster id), which names the outbox
     * @throws OutboxUnavailableException when the outbox directory cannot be created, written or locked
     */
    public KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler, LogIdentity identity) {
        this(config, failureHandler, producers(config), EventConverter.forLocalHost(), identity);
    }

    KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler,
            Supplier<Producer<String, byte[]>> producers, EventConverter converter) {
        this(config, failureHandler, producers, converter, new LogIdentity(config.logKey(), java.util.List.of(), null));
    }

    KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler,
            Supplier<Producer<String, byte[]>> producers, EventConverter converter, LogIdentity identity) {
        this(config, failureHandler, producers, converter, identity, null);
    }

    private KafkaEventPublisher(KafkaPublisherConfig config, DeliveryFailureHandler failureHandler,
            Supplier<Producer<String, byte[]>> producers, EventConverter converter, LogIdentity identity,
            io.trainstream.schemas.avro.RunSummary continued) {
        this.config = Objects.requireNonNull(config, "config");
        this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.identity = Objects.requireNonNull(identity, "identity");
        this.outbox = Outbox.open(config.outbox(), identity.key(), identity.aliases());
        stats.outboxDir(outbox.dir().toString());
        stats.recoveryStarted();
        if (outbox.leftovers() > 0) {
            // pending from now on: flush() must wait for them even before the sender thread has looked
            stats.recovered(outbox.leftovers(), outbox.dir().toString());
        }
        Producer<String, byte[]> first;
        try {
            first = producers.get();
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        this.sender = new EventSender(config, producers, first, outbox, stats, queue, this::failed, continued);
        sender.start();
    }

    private static Supplier<Producer<String, byte[]>> producers(KafkaPublisherConfig config) {
        return () -> new KafkaProducer<>(ProducerSettings.of(config, "trainstream-publisher-" + CLIENTS.incrementAndGet()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the topics when missing ({@link TopicSetup}), then a publisher whose producer already
     * knows the events topic's partitions.
     *
     * @param config the cluster, topics, producer and outbox settings
     * @return a ready publisher
     * @throws EventLogUnavailableException when the cluster does not answer within
     *     {@link TopicSetup#DEFAULT_TIMEOUT}
     * @throws OutboxUnavailableException when the outbox directory is not usable
     */
    public static KafkaEventPublisher open(KafkaPublisherConfig config) {
        return open(config, TopicSetup.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #open(KafkaPublisherConfig)}, with a given bound on reaching the cluster.
     *
     * @param config the cluster, topics, producer and outbox settings
     * @param timeout bound on creating the topics
     * @return a ready publisher
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     * @throws OutboxUnavailableException when the outbox directory is not usable
     */
    public static KafkaEventPublisher open(KafkaPublisherConfig config, Duration timeout) {
        TopicSetup.ensureTopics(config, timeout);
        KafkaEventPublisher publisher = new KafkaEventPublisher(config);
        try {
            Producer<String, byte[]> producer = publisher.sender.producer();
            if (producer != null) {
                producer.partitionsFor(config.eventsTopic());
                producer.partitionsFor(config.runsTopic());
            }
        } catch (RuntimeException e) {
            publisher.close();
            throw new EventLogUnavailableException(config.bootstrapServers(),
                    Duration.ofMillis(ProducerSettings.MAX_BLOCK_MS), "fetch topic metadata", e);
        }
        return publisher;
    }

    /**
     * As {@link #open(KafkaPublisherConfig, Duration)}, for a publisher that continues a crashed run
     * ({@code resume}): the run keeps its start time and first offset in the runs index, and this
     * publisher's recovery never marks it CRASHED, though its leftovers are delivered first.
     *
     * @param config the cluster, topics, producer and outbox settings
     * @param timeout bound on creating the topics
     * @param previous the run's latest summary from the runs index
     * @return a ready publisher
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     */
    public static KafkaEventPublisher openContinuing(KafkaPublisherConfig config, Duration timeout,
            io.trainstream.schemas.avro.RunSummary previous) {
        TopicSetup.ensureTopics(config, timeout);
        return new KafkaEventPublisher(config, DeliveryFailureHandler.logging(), producers(config),
                EventConverter.forLocalHost(), LogIdentity.resolve(config, LogIdentity.DEFAULT_TIMEOUT),
                Objects.requireNonNull(previous, "previous"));
    }

    /** @return fsyncs of the outbox's segment files so far (for measuring the write-ahead cost) */
    public long outboxSyncs() {
        return outbox.syncCount();
    }

    /**
     * @param name a metric of the producer's {@code producer-metrics} group, e.g. {@code request-total}
     * @return its current value in the current producer, or NaN while there is none (spilling)
     */
    public double producerMetric(String name) {
        Producer<String, byte[]> producer = sender.producer();
        if (producer == null) {
            return Double.NaN;
        }
        for (var entry : producer.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("producer-metrics")) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** @return the log's identity, which names this publisher's outbox */
    public LogIdentity identity() {
        return identity;
    }

    /** @return the config this publisher writes with */
    public KafkaPublisherConfig config() {
        return config;
    }

    /** @return "acked up to W of tail T": the outbox's first unacknowledged position and its next position */
    String outboxPositions() {
        return "acked up to " + outbox.ackedUpTo() + " of tail " + outbox.tail();
    }

    /** @return the outbox slot directory this publisher writes */
    public java.nio.file.Path outboxDir() {
        return outbox.dir();
    }

    /**
     * Converts the event and queues it for the sender thread; never waits on the network. Waits only
     * when the in-memory queue is full, which happens when the outbox is at its bound
     * ({@link FullPolicy#BLOCK}).
     *
     * @param event the event, with its sequence number already assigned
     * @throws OutboxFullException at the outbox's bound with {@link FullPolicy#FAIL}
     * @throws OutboxUnavailableException when the outbox can no longer be written
     */
    @Override
    public void publish(RunEvent event) {
        if (closed) {
            stats.eventAccepted();
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.CLOSED, null, null));
            return;
        }
        RuntimeException fatal = sender.fatal();
        if (fatal != null) {
            throw fatal;
        }
        if (sender.isFull() && config.outbox().fullPolicy() == FullPolicy.FAIL) {
            String disk = sender.diskTrouble();
            throw disk == null ? new OutboxFullException(outbox.dir(), config.outbox().maxBytes())
                    : new OutboxFullException(disk + ": training stopped; the events already written there are delivered"
                            + " by this or the next publisher");
        }
        stats.eventAccepted();
        TrainerEvent record;
        try {
            record = converter.convert(event);
        } catch (RuntimeException e) {
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.ENCODE_FAILED, e, null));
            return;
        }
        if (!queue.offer(record)) {
            enqueueBlocking(event, record);
        }
    }

    private void enqueueBlocking(RunEvent event, TrainerEvent record) {
        if (!blockedLogged) {
            blockedLogged = true;
            LOG.warn("event outbox {} is at its bound ({} bytes): training waits until Kafka at {} takes events again",
                    outbox.dir(), config.outbox().maxBytes(), config.bootstrapServers());
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(new DeliveryFailure(event.runId(), event.seq(), event.name(), config.eventsTopic(),
                    DeliveryFailure.Reason.CLOSED, e, record));
        }
    }

    /**
     * Waits until every event published so far (and every one left by a predecessor), and every run
     * summary due, is acknowledged or dropped, or the timeout passes. Logs the {@link #deliveryReport()}
     * when something was dropped or is still pending.
     *
     * @param timeout the longest to wait
     * @return true only when nothing is pending and nothing published so far was dropped
     */
    @Override
    public boolean flush(Duration timeout) {
        DeliveryReport before = deliveryReport();
        Duration wait = timeout;
        if (stalledAt != null && stalledAt.equals(before)) {
            // the last flush ran out of time and nothing moved since: Kafka is away; don't make every
            // caller (run end, job, close) wait its full timeout again
            wait = timeout.compareTo(STALLED_FLUSH) < 0 ? timeout : STALLED_FLUSH;
        }
        if (sender.diskTrouble() != null && config.outbox().fullPolicy() == FullPolicy.FAIL) {
            // nothing moves until someone frees the disk, and the FAIL policy says not to wait for that
            wait = Duration.ZERO;
        }
        boolean idle = stats.awaitIdle(wait);
        stalledAt = idle ? null : deliveryReport();
        DeliveryReport report = deliveryReport();
        if (!report.allDelivered()) {
            logReport(report, idle ? "" : " (flush gave up after " + wait.toMillis() + " ms)");
        }
        return idle && report.allDelivered();
    }

    /** @return what was delivered, spilled, drained, dropped (by run and seq) and what is pending, right now */
    public DeliveryReport deliveryReport() {
        DeliveryReport report = stats.report();
        String disk = sender.diskTrouble();
        if (disk == null) {
            return report;
        }
        // pending events may be only in memory while the disk is full: don't claim the outbox keeps them
        return new DeliveryReport(report.published(), report.delivered(), report.failed(), report.pending(),
                report.summariesWritten(), report.summaryFailures(), report.lostSeqs(), disk, report.recovered(),
                report.spilled(), report.drained(), null);
    }

    /**
     * Flushes with the config's {@code flushTimeout}, moves what is still queued into the outbox, stops
     * the sender thread, closes the producer and releases the outbox: what is undelivered then stays in
     * the outbox for the next publisher on the same directory. Logs the final report. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush(config.flushTimeout());
        closed = true;
        boolean stopped = sender.stop(Duration.ofSeconds(10));
        String disk = sender.diskTrouble();
        if (stopped && disk != null) {
            // never written anywhere: name them as lost rather than claim the outbox keeps them
            IllegalStateException cause = new IllegalStateException(disk);
            for (io.trainstream.trainer.outbox.OutboxEntry entry : outbox.unwrittenUnacknowledged()) {
                failed(new DeliveryFailure(entry.runId(), entry.seq(), "(not written)", config.eventsTopic(),
                        DeliveryFailure.Reason.SEND_FAILED, cause, null));
            }
            for (TrainerEvent event : sender.carried()) {
                failed(new DeliveryFailure(event.getRunId(), event.getSeq(), io.trainstream.schemas.EventNames.nameOf(event),
                        config.eventsTopic(), DeliveryFailure.Reason.SEND_FAILED, cause, event));
            }
        }
        if (!stopped || disk != null) {
            java.util.List<TrainerEvent> left = new java.util.ArrayList<>();
            queue.drainTo(left);
            for (TrainerEvent event : left) {
                failed(new DeliveryFailure(event.getRunId(), event.getSeq(), io.trainstream.schemas.EventNames.nameOf(event),
                        config.eventsTopic(), DeliveryFailure.Reason.CLOSED, null, event));
            }
        }
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
