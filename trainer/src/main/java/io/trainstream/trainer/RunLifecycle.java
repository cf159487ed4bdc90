package io.trainstream.trainer;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunStart;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.event.EventRecorder;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A trainer's run bookkeeping: which id the next run gets (new, or a crashed run continued), its
 * {@code run_start} and {@code run_end} events, and the bounded flush of the log at each run's end.
 */
final class RunLifecycle {

    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INTERRUPTED_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);

    private final EventRecorder recorder;
    private String nextRunId;
    private long nextRunFirstSeq;
    private String lastRunId;

    RunLifecycle(EventRecorder recorder) {
        this.recorder = recorder;
    }

    /** The next run continues {@code runId} from sequence number {@code firstSeq}. */
    void continueRun(String runId, long firstSeq) {
        nextRunId = Objects.requireNonNull(runId, "runId");
        nextRunFirstSeq = firstSeq;
    }

    /** Opens a run in the event log: a new id, or the one given to {@link #continueRun}. */
    void begin() {
        String id = nextRunId != null ? nextRunId : "run-" + UUID.randomUUID().toString().substring(0, 13);
        lastRunId = id;
        recorder.beginRun(id, nextRunId != null ? nextRunFirstSeq : 0);
        nextRunId = null;
        nextRunFirstSeq = 0;
    }

    /** Logs the run's start: config and provenance. */
    void recordStart(RunStart start) {
        if (recorder.isActive()) {
            recorder.record(start, null);
        }
    }

    /** Logs the run's end, closes it and waits (bounded) until the log has every event. */
    void end(EventBody.RunEnd outcome) {
        try {
            if (recorder.isActive() && recorder.runId() != null) {
                recorder.record(outcome, null);
            }
        } catch (RuntimeException e) {
            // the publisher refuses (its outbox cannot be written): the run's own outcome, often that very
            // error, is what train() reports; this must not replace it
            LOG.error("run {}: its run_end event could not be published: {}", lastRunId, e.getMessage());
        } finally {
            recorder.endRun();
        }
        // an interrupted process is on its way out (SIGTERM, Ctrl-C): what is not delivered in a few
        // seconds stays in the durable outbox for the next command on the cluster
        Duration timeout = outcome.status() == RunEndStatus.INTERRUPTED ? INTERRUPTED_FLUSH_TIMEOUT : FLUSH_TIMEOUT;
        if (recorder.publisher() != EventPublisher.NONE && !recorder.publisher().flush(timeout)) {
            // the publisher logs which events were lost and why; the run itself is not failed for it
            LOG.warn("run {}: not every event reached the event log within {} s (see the publisher's report)",
                    lastRunId, timeout.toSeconds());
        }
    }

    /** @return the id of the run in progress or of the last one, or null before any */
    String lastRunId() {
        return lastRunId;
    }
}
