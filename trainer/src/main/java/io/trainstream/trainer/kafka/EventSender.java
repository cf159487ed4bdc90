package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.outbox.Outbox;
import io.trainstream.trainer.outbox.OutboxCursor;
import io.trainstream.trainer.outbox.OutboxEntry;
import io.trainstream.trainer.outbox.OutboxUnavailableException;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The one thread between the training thread and Kafka. It takes converted events from the bounded
 * queue in order, encodes each, appends it to the {@link Outbox} (write-ahead) and, while Kafka
 * answers ({@code LIVE}), hands it to the producer. When a send fails it switches to {@code SPILL}:
 * events only go to the outbox. Once a second it tries a new producer ({@code DRAIN}), which resends
 * the outbox from the first unacknowledged position, in order, and then goes {@code LIVE} again.
 * It also fsyncs the outbox in batches ({@link SyncCadence}), restarts a generation whose acknowledgements
 * stall ({@link StallWatch}), keeps the run files, and writes due run summaries.
 */
final class EventSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    private static final long PROBE_MS = 1_000;
    private static final int BATCH = 1_024;

    private enum Mode { LIVE, SPILL, DRAIN }

    private final KafkaPublisherConfig config;
    private final Outbox outbox;
    private final OpenRuns openRuns;
    private final RunSummaries summaries;
    private final PredecessorRecovery recovery;
    private final DeliveryStats stats;
    private final Consumer<DeliveryFailure> onFailure;
    private final Delivery delivery;
    private final Thread thread;
    private final long maxRecordBytes;
    private final RunSummary continued;
    private Mode mode = Mode.LIVE;
    private OutboxCursor cursor;
    private long nextProbe;
    private long spilledAtStart;
    private long drainedAtStart;
    private final SyncCadence cadence;
    private final StallWatch stallWatch;
    private volatile boolean stopping;
    private volatile boolean full;
    /** While the outbox cannot be written: the one-line reason; else null. */
    private volatile String diskTrouble;
    private static final long DISK_RETRY_MS = 1_000;
    private final EventIntake intake;
    private volatile RuntimeException fatal;

    EventSender(KafkaPublisherConfig config, java.util.function.Supplier<Producer<String, byte[]>> producers,
            Producer<String, byte[]> first, Outbox outbox, DeliveryStats stats, BlockingQueue<TrainerEvent> queue,
            Consumer<DeliveryFailure> onFailure, RunSummary continued) {
        this.continued = continued;
        this.intake = new EventIntake(queue, BATCH);
        this.config = config;
        this.outbox = outbox;
        this.openRuns = new OpenRuns(config.eventsTopic());
        this.summaries = new RunSummaries(config.runsTopic(), new RunFiles(outbox.dir()), stats);
        this.stats = stats;
        this.onFailure = onFailure;
        this.maxRecordBytes = ProducerSettings.maxRequestSize(config);
        this.delivery = new Delivery(config, producers, first, outbox, openRuns, stats, summaries.dueQueue(), onFailure);
        this.stallWatch = new StallWatch(config, outbox, delivery);
        this.cadence = new SyncCadence(outbox, () -> summaries.writeCheckpoints(openRuns));
        this.recovery = new PredecessorRecovery(config, outbox, openRuns, summaries, stats);
        this.thread = new Thread(this, "trainstream-event-sender");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the current producer (for metadata warm-up), or null while spilling */
    Producer<String, byte[]> producer() {
        return delivery.producer();
    }

    /** @return true when the outbox is at its bound or cannot be written */
    boolean isFull() {
        return full || diskTrouble != null;
    }

    /** @return why the outbox cannot be written right now (e.g. its disk is full), or null */
    String diskTrouble() {
        return diskTrouble;
    }

    /**
     * @return events taken from the queue but not written to the outbox (while it cannot be written),
     *     in order; only meaningful once the thread has stopped or failed to stop
     */
    List<TrainerEvent> carried() {
        return intake.carried();
    }

    /** @return the error that stopped the sender (the outbox cannot be written), or null */
    RuntimeException fatal() {
        return fatal;
    }

    /**
     * Asks the thread to move what is queued into the outbox and stop, and waits up to the timeout.
     *
     * @return true when the thread ended in time
     */
    boolean stop(Duration timeout) {
        stopping = true;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** {@inheritDoc} */
    @Override
    public void run() {
        // the producer's I/O thread below the training thread (EventPathPriority); this thread, which writes
        // the events ahead to the outbox, keeps its priority: starved under contention, it held events in
        // memory long enough that a trainer killed in its first second had written none (TrainerKilledTest)
        EventPathPriority.lowerProducerThreads();
        try {
            recover();
            loop();
        } catch (RuntimeException e) {
            fatal = e;
            LOG.error("event sender stopped: {}", e.getMessage(), e);
        } catch (Error e) {
            // e.g. OutOfMemoryError: publish() must fail loudly rather than queue into a dead thread
            fatal = new IllegalStateException("the event sender thread died: " + e, e);
            LOG.error("event sender died: {}", e.toString(), e);
            throw e;
        } finally {
            delivery.close(Duration.ofSeconds(2));
            if (cursor != null) {
                cursor.close();
            }
            outbox.close();
        }
    }

    /** Takes over what a predecessor left: its runs' files and its undelivered entries, which drain first. */
    private void recover() {
        recovery.load(continued);
        if (outbox.leftovers() > 0) {
            // counted as pending by the publisher's constructor, before this thread started, so that a
            // flush() right after construction waits for them
            if (delivery.broken()) {
                startDrain();
            } else {
                // the first producer has sent nothing yet: it drains the leftovers (a second one would leak)
                outbox.flushBuffer();
                cursor = outbox.cursor(outbox.ackedUpTo());
                mode = Mode.DRAIN;
            }
        }
        recovery.closeRunsWhenDelivered();
    }

    private void loop() {
        cadence.start(System.currentTimeMillis());
        while (true) {
            try {
                if (iterate()) {
                    return;
                }
                if (diskTrouble != null) {
                    LOG.warn("event outbox {} is writable again: training continues, nothing was lost", outbox.dir());
                    diskTrouble = null;
                }
            } catch (OutboxUnavailableException e) {
                diskStalled(e);
                if (stopping) {
                    return;
                }
                pause(DISK_RETRY_MS);
            }
        }
    }

    /**
     * The outbox cannot be written (a full disk, say): keep every event in order (the carried ones
     * first), take no more from the queue, so publish() blocks or throws per the full policy, and retry.
     */
    private void diskStalled(OutboxUnavailableException e) {
        if (diskTrouble == null) {
            diskTrouble = e.getMessage();
            LOG.error("{}: training {} until it can be written again; no event is dropped", e.getMessage(),
                    config.outbox().fullPolicy() == io.trainstream.trainer.outbox.FullPolicy.BLOCK ? "waits" : "stops");
        }
    }

    /** @return true when the loop is done (stopped with nothing left to take) */
    private boolean iterate() {
        long now = System.currentTimeMillis();
        stallWatch.check(now, mode == Mode.SPILL);
        if (mode != Mode.SPILL && delivery.broken()) {
            spill(now);
        }
        if (mode == Mode.SPILL && now >= nextProbe) {
            startDrain();
        }
        if (mode == Mode.DRAIN) {
            drainSome();
        }
        boolean idle = !takeEvents(mode == Mode.DRAIN ? 0 : 20);
        if (mode == Mode.LIVE) {
            summaries.send(delivery);
        }
        cadence.maybeSync(now);
        recovery.closeRunsWhenDelivered();
        if (stopping && idle && intake.isEmpty()) {
            cadence.syncAll();
            return true;
        }
        return false;
    }

    /** @return true when at least one event was taken */
    private boolean takeEvents(long waitMillis) {
        full = outbox.isFull();
        if (full) {
            // the bound: take nothing, so the queue fills and publish() blocks or throws (FullPolicy)
            pause(20);
            return false;
        }
        List<TrainerEvent> batch = intake.take(waitMillis);
        if (batch.isEmpty()) {
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                append(batch.get(i));
            } catch (OutboxUnavailableException e) {
                // not written: keep this one and the rest of the batch, in order, for the retry
                intake.handBack(batch, i);
                throw e;
            }
        }
        return true;
    }

    private void append(TrainerEvent event) {
        byte[] value;
        try {
            openRuns.observe(event);
            value = EventCodec.encode(event);
        } catch (RuntimeException e) {
            onFailure.accept(failure(event, DeliveryFailure.Reason.ENCODE_FAILED, e));
            return;
        }
        if (value.length + event.getRunId().length() + 100L > maxRecordBytes) {
            onFailure.accept(failure(event, DeliveryFailure.Reason.REJECTED, new IllegalArgumentException(
                    "the event is " + value.length + " bytes encoded, over the producer's max.request.size of "
                            + maxRecordBytes + " bytes (raise it with the producer override max.request.size, and"
                            + " the topic's max.message.bytes)")));
            return;
        }
        long position = outbox.append(event.getRunId(), event.getSeq(), value);
        cadence.appended();
        if (mode == Mode.LIVE) {
            delivery.send(position, event.getRunId(), event.getSeq(), value);
        } else {
            stats.spilled();
        }
    }

    private void spill(long now) {
        delivery.abandon();
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        if (mode == Mode.LIVE) {
            spilledAtStart = stats.spilledCount();
            drainedAtStart = stats.drainedCount();
            LOG.warn("Kafka at {} not acknowledging ({}): spilling events to the outbox {}; training continues",
                    config.bootstrapServers(), describe(delivery.failureCause()), outbox.dir());
        }
        mode = Mode.SPILL;
        nextProbe = now + PROBE_MS;
    }

    private void startDrain() {
        if (!delivery.renew()) {
            mode = Mode.SPILL;
            nextProbe = System.currentTimeMillis() + PROBE_MS;
            return;
        }
        outbox.flushBuffer();
        cursor = outbox.cursor(outbox.ackedUpTo());
        stallWatch.restart(System.currentTimeMillis());
        if (mode == Mode.LIVE) {
            spilledAtStart = stats.spilledCount();
            drainedAtStart = stats.drainedCount();
        }
        mode = Mode.DRAIN;
    }

    private void drainSome() {
        outbox.flushBuffer();
        for (int i = 0; i < BATCH; i++) {
            if (delivery.broken()) {
                return;
            }
            OutboxEntry entry = cursor.next();
            if (entry == null) {
                cursor.close();
                cursor = null;
                mode = Mode.LIVE;
                LOG.info("Kafka at {} is back: outbox drained, events go live again ({} spilled, {} drained)",
                        config.bootstrapServers(), stats.spilledCount() - spilledAtStart,
                        stats.drainedCount() - drainedAtStart);
                return;
            }
            delivery.send(entry.position(), entry.runId(), entry.seq(), entry.value());
            stats.drained();
        }
    }

    private DeliveryFailure failure(TrainerEvent event, DeliveryFailure.Reason reason, Throwable cause) {
        return new DeliveryFailure(event.getRunId(), event.getSeq(), EventNames.nameOf(event), config.eventsTopic(),
                reason, cause, event);
    }

    private static String describe(Exception e) {
        return e == null ? "no producer" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
