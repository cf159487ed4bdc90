package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread between the training thread and the producer: takes converted events (and due run
 * summaries) from a bounded queue in order, encodes them and hands them to {@code producer.send} with
 * a callback. Whatever {@code send} waits for (metadata, buffer space) it waits for here, never on the
 * training thread.
 */
final class EventSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    private static final long RETRY_PAUSE_MS = 100;
    private static final long OUTAGE_PROBE_MS = 1_000;

    private final BlockingQueue<Object> queue;
    private final Producer<String, byte[]> producer;
    private final KafkaPublisherConfig config;
    private final RunIndex runIndex;
    private final DeliveryStats stats;
    private final Consumer<DeliveryFailure> onFailure;
    private final Thread thread;
    private final Outage outage;
    private volatile boolean stopping;

    EventSender(KafkaPublisherConfig config, Producer<String, byte[]> producer, DeliveryStats stats,
            Consumer<DeliveryFailure> onFailure) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.producer = producer;
        this.config = config;
        this.runIndex = new RunIndex(config.eventsTopic());
        this.stats = stats;
        this.onFailure = onFailure;
        this.outage = new Outage(ProducerSettings.deliveryTimeoutMillis(config), OUTAGE_PROBE_MS);
        this.thread = new Thread(this, "trainstream-event-sender");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return false when the queue is full; the caller then counts the event as failed */
    boolean offer(TrainerEvent event) {
        return queue.offer(event);
    }

    /**
     * Stops taking from the queue once it is empty or the timeout passes.
     *
     * @return what was left in the queue, for the caller to count as failed
     */
    java.util.List<Object> stop(Duration timeout) {
        stopping = true;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        java.util.List<Object> left = new java.util.ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    /** {@inheritDoc} */
    @Override
    public void run() {
        while (true) {
            Object item;
            try {
                item = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                if (stopping) {
                    return;
                }
            } else if (item instanceof TrainerEvent event) {
                sendEvent(event);
            } else {
                sendSummary((RunSummary) item);
            }
        }
    }

    private void sendEvent(TrainerEvent event) {
        byte[] value;
        try {
            runIndex.observe(event);
            value = EventCodec.encode(event);
        } catch (RuntimeException e) {
            onFailure.accept(failure(event, DeliveryFailure.Reason.ENCODE_FAILED, e));
            return;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.eventsTopic(), event.getRunId(), value);
        while (true) {
            if (outage.failFast(System.currentTimeMillis())) {
                eventDone(event, null, new org.apache.kafka.common.errors.TimeoutException("Kafka at "
                        + config.bootstrapServers() + " unreachable since " + java.time.Instant.ofEpochMilli(outage.since())));
                return;
            }
            Attempt attempt = new Attempt(event);
            try {
                producer.send(record, attempt);
            } catch (RuntimeException e) {
                eventDone(event, null, e);
                return;
            }
            attempt.returned = true;
            if (attempt.syncError == null) {
                outage.clear();
                return;
            }
            if (stopping || !outage.hold(System.currentTimeMillis())) {
                eventDone(event, null, attempt.syncError);
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                eventDone(event, null, attempt.syncError);
                return;
            }
        }
    }

    /**
     * The callback of one send. A timeout reported while {@code send} is still running on this thread
     * (no metadata: the cluster is unreachable) is kept for {@link #sendEvent} to hold and retry the
     * event; everything else completes the event.
     */
    private final class Attempt implements org.apache.kafka.clients.producer.Callback {
        private final TrainerEvent event;
        private volatile boolean returned;
        private Exception syncError;

        Attempt(TrainerEvent event) {
            this.event = event;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (!returned && Thread.currentThread() == thread
                    && error instanceof org.apache.kafka.common.errors.TimeoutException) {
                syncError = error;
                return;
            }
            eventDone(event, metadata, error);
        }
    }

    /** Runs on the producer's I/O thread (or here when send throws): counts and queues due summaries. */
    private void eventDone(TrainerEvent event, RecordMetadata metadata, Exception error) {
        RunSummary due;
        try {
            due = error == null ? runIndex.acked(event, metadata) : runIndex.failed(event);
        } catch (RuntimeException e) {
            LOG.error("runs index update for run {} seq {} failed", event.getRunId(), event.getSeq(), e);
            due = null;
        }
        if (due != null) {
            stats.summaryAccepted();
            if (!queue.offer(due)) {
                stats.summaryFailed("run summary of " + due.getRunId() + " dropped: queue full");
                LOG.error("run summary of run {} ({}) not written: the publisher's queue is full", due.getRunId(),
                        due.getStatus());
            }
        }
        if (error == null) {
            stats.eventDelivered();
        } else {
            onFailure.accept(failure(event, DeliveryFailure.Reason.SEND_FAILED, error));
        }
    }

    private void sendSummary(RunSummary summary) {
        try {
            producer.send(new ProducerRecord<>(config.runsTopic(), summary.getRunId(), RunSummaryCodec.encode(summary)),
                    (metadata, error) -> summaryDone(summary, error));
        } catch (RuntimeException e) {
            summaryDone(summary, e);
        }
    }

    private void summaryDone(RunSummary summary, Exception error) {
        if (error == null) {
            stats.summaryWritten();
            return;
        }
        String message = "run summary of run " + summary.getRunId() + " (" + summary.getStatus() + ") not written to "
                + config.runsTopic() + ": " + error;
        LOG.error(message);
        stats.summaryFailed(message);
    }

    private DeliveryFailure failure(TrainerEvent event, DeliveryFailure.Reason reason, Throwable cause) {
        return new DeliveryFailure(event.getRunId(), event.getSeq(), EventNames.nameOf(event), config.eventsTopic(),
                reason, cause, event);
    }
}
