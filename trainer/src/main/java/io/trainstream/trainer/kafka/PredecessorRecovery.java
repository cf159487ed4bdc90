package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.outbox.Outbox;
import io.trainstream.trainer.outbox.OutboxCursor;
import io.trainstream.trainer.outbox.OutboxEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Takes over what dead publishers left in this outbox (their run files and undelivered entries) and,
 * once those entries are all on the topic, closes their runs: CRASHED when the log has no end, with the
 * log's real tail read back from the run's partition ({@link RunTail}). A run this publisher continues
 * ({@code resume}) is never closed here. Runs on the sender thread.
 */
final class PredecessorRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PredecessorRecovery.class);
    private static final Duration TAIL_READ = Duration.ofSeconds(10);

    private final KafkaPublisherConfig config;
    private final Outbox outbox;
    private final OpenRuns openRuns;
    private final RunSummaries summaries;
    private final DeliveryStats stats;
    private final Set<String> runs = new LinkedHashSet<>();
    private boolean pending = true;

    PredecessorRecovery(KafkaPublisherConfig config, Outbox outbox, OpenRuns openRuns, RunSummaries summaries,
            DeliveryStats stats) {
        this.config = config;
        this.outbox = outbox;
        this.openRuns = openRuns;
        this.summaries = summaries;
        this.stats = stats;
    }

    /**
     * Loads the run files and the leftovers' runs into the runs index.
     *
     * @param continued the run this publisher continues, or null
     */
    void load(RunSummary continued) {
        if (continued != null) {
            openRuns.continueRun(continued);
        }
        for (RunSummary known : summaries.runFiles().loadAll()) {
            if (known.getStatus() == RunStatus.RUNNING) {
                openRuns.resume(known);
                runs.add(known.getRunId());
            } else {
                summaries.queue(known);
            }
        }
        if (outbox.leftovers() == 0) {
            return;
        }
        try (OutboxCursor scan = outbox.cursor(outbox.recoveredStart())) {
            OutboxEntry entry;
            while ((entry = scan.next()) != null && entry.position() < outbox.recoveredTail()) {
                runs.add(entry.runId());
                try {
                    openRuns.observe(EventCodec.decode(entry.value()));
                } catch (RuntimeException e) {
                    LOG.warn("outbox entry {} (run {} seq {}) does not decode; it is delivered as is",
                            entry.position(), entry.runId(), entry.seq());
                }
            }
        }
    }

    /** Once the predecessor's entries are all on the topic, its runs without an end are CRASHED. */
    void closeRunsWhenDelivered() {
        if (!pending) {
            return;
        }
        if (!runs.isEmpty()) {
            if (outbox.ackedUpTo() < outbox.recoveredTail()) {
                return;
            }
            runs.forEach(this::catchUpFromTopic);
            for (RunSummary crashed : openRuns.crashed(runs)) {
                LOG.warn("run {} of an earlier publisher has no run_end: marked CRASHED in the runs index (last seq {})",
                        crashed.getRunId(), crashed.getLastSeq());
                summaries.queueFinal(crashed);
            }
            runs.clear();
        }
        // the CRASHED summaries are queued (and counted): flush() no longer needs the recovery token
        pending = false;
        stats.recoveryDone();
    }

    /**
     * The dead publisher's run file may lag what Kafka acknowledged for it (the file is written at each
     * sync): read the run's records after the file's last offset, so its summary states the log's real
     * tail; when the run's end is among them, its final summary is due instead of a CRASHED one.
     */
    private void catchUpFromTopic(String runId) {
        RunTracker tracker = openRuns.tracker(runId);
        if (tracker == null || tracker.partition() < 0 || tracker.isContinued()) {
            return;
        }
        TopicPartition partition = new TopicPartition(config.eventsTopic(), tracker.partition());
        // killed before its first run file: what it delivered lies before the resent copies (tailFrom points
        // past those), from its start event's time on. CrashedRunTest once found the index's first offset and
        // last seq taken from the resent copies (708 and 658 where the log had 0 and 707)
        Instant since = tracker.knownOnlyFromLeftovers() ? tracker.startTime() : null;
        for (ConsumerRecord<String, byte[]> record : RunTail.read(config, partition.partition(), tracker.tailFrom() + 1,
                since, runId, TAIL_READ)) {
            TrainerEvent event;
            try {
                event = EventCodec.decode(record.value());
            } catch (RuntimeException e) {
                continue;
            }
            openRuns.observe(event);
            RunSummary due = openRuns.acked(runId, event.getSeq(),
                    new RecordMetadata(partition, record.offset(), 0, record.timestamp(), 0, 0));
            if (due != null && due.getStatus() != RunStatus.RUNNING) {
                summaries.queueFinal(due);
            }
        }
    }
}
