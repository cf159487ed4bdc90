package io.trainstream.trainer.kafka;

import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The run summaries due on the runs topic, and the run files that keep them across a crash: queued in
 * order, sent while the producer works, retried a bounded number of times, and reported once when Kafka
 * refuses one (its run file then goes, so no later publisher on this outbox fails on it again).
 */
final class RunSummaries {

    private static final Logger LOG = LoggerFactory.getLogger(RunSummaries.class);
    private static final int ATTEMPTS = 20;

    private final Queue<RunSummary> due = new ConcurrentLinkedQueue<>();
    private final Map<RunSummary, Integer> attempts = new ConcurrentHashMap<>();
    /** Per run, the summary queued last: the runs topic is compacted, so only it may still go out after a failure. */
    private final Map<String, RunSummary> latest = new ConcurrentHashMap<>();
    private final String runsTopic;
    private final RunFiles runFiles;
    private final DeliveryStats stats;

    RunSummaries(String runsTopic, RunFiles runFiles, DeliveryStats stats) {
        this.runsTopic = runsTopic;
        this.runFiles = runFiles;
        this.stats = stats;
    }

    /** @return the queue {@link Delivery} adds summaries to as their events are acknowledged */
    Queue<RunSummary> dueQueue() {
        return due;
    }

    /** @return the run files next to the outbox */
    RunFiles runFiles() {
        return runFiles;
    }

    /** Counts and queues a summary to write. */
    void queue(RunSummary summary) {
        stats.summaryAccepted();
        latest.put(summary.getRunId(), summary);
        due.add(summary);
    }

    /** Queues a final (or CRASHED) summary and keeps it in its run file until it is on the topic. */
    void queueFinal(RunSummary summary) {
        runFiles.write(summary);
        queue(summary);
    }

    /** Keeps each open run's latest summary in its run file. */
    void writeCheckpoints(OpenRuns openRuns) {
        for (RunSummary summary : openRuns.checkpoints()) {
            runFiles.write(summary);
        }
    }

    /** Sends what is due while the delivery's producer works. */
    void send(Delivery delivery) {
        RunSummary summary;
        while (!delivery.broken() && (summary = due.poll()) != null) {
            Producer<String, byte[]> producer = delivery.producer();
            RunSummary sent = summary;
            // the RUNNING one is due when the run's first event is acknowledged: in the run file at once, a
            // successor knows where the run starts even if this process dies before the next checkpoint
            // (at most a second away), instead of taking its resent copies' offsets for the start
            if (sent.getStatus() != RunStatus.RUNNING || latest.get(sent.getRunId()) == sent) {
                runFiles.write(sent);
            }
            try {
                producer.send(new ProducerRecord<>(runsTopic, sent.getRunId(), RunSummaryCodec.encode(sent)),
                        (metadata, error) -> done(sent, error));
            } catch (RuntimeException e) {
                done(sent, e);
            }
        }
    }

    void done(RunSummary summary, Exception error) {
        if (error == null) {
            attempts.remove(summary);
            if (summary.getStatus() != RunStatus.RUNNING) {
                runFiles.delete(summary.getRunId());
                latest.remove(summary.getRunId(), summary);
            }
            stats.summaryWritten();
            return;
        }
        if (latest.get(summary.getRunId()) != summary) {
            // a later summary of the run was queued meanwhile (e.g. CRASHED after the recovered run's RUNNING):
            // resent now, this one would land after it and the compacted index would keep the older state
            attempts.remove(summary);
            stats.summarySuperseded();
            return;
        }
        int tries = attempts.merge(summary, 1, Integer::sum);
        if (tries < ATTEMPTS && !Delivery.isRejection(error)) {
            due.add(summary);
            return;
        }
        attempts.remove(summary);
        runFiles.delete(summary.getRunId());
        String message = "run summary of run " + summary.getRunId() + " (" + summary.getStatus() + ") not written to "
                + runsTopic + " after " + tries + " attempts: " + error;
        LOG.error(message);
        stats.summaryFailed(message);
    }
}
