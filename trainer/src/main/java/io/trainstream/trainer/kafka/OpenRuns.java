package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publisher's open runs (not the runs index, which is the runs topic these summaries go to): keeps
 * one {@link RunTracker} per open run and says when a run summary is due: when the run's start
 * event is acknowledged (status RUNNING) and when its end event is (final status). A run's tracker is
 * dropped once its final summary is built. Runs begun by a crashed predecessor are {@linkplain
 * #resume resumed} from the outbox's run files and closed as CRASHED when their log has no end.
 */
final class OpenRuns {

    private static final Logger LOG = LoggerFactory.getLogger(OpenRuns.class);

    private final String eventsTopic;
    private final Map<String, RunTracker> runs = new ConcurrentHashMap<>();

    OpenRuns(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    /** Takes over a run an earlier publisher left open, from what its run file says. */
    void resume(RunSummary known) {
        RunTracker current = runs.get(known.getRunId());
        runs.put(known.getRunId(), current != null && current.isContinued() ? RunTracker.continued(known)
                : RunTracker.resumed(known));
    }

    /** @return the open run's tracker, or null */
    RunTracker tracker(String runId) {
        return runs.get(runId);
    }

    /** This publisher continues a crashed run: keep its start and first offset, never mark it CRASHED. */
    void continueRun(RunSummary previous) {
        runs.put(previous.getRunId(), RunTracker.continued(previous));
    }

    void observe(TrainerEvent event) {
        runs.computeIfAbsent(event.getRunId(), id -> new RunTracker(id, eventsTopic)).observe(event);
    }

    RunSummary acked(String runId, long seq, RecordMetadata metadata) {
        RunTracker tracker = runs.get(runId);
        return tracker == null ? null : done(runId, tracker, tracker.acked(seq, metadata));
    }

    RunSummary failed(String runId, long seq) {
        RunTracker tracker = runs.get(runId);
        return tracker == null ? null : done(runId, tracker, tracker.failed(seq));
    }

    /** @return per open run with news since the last call, its RUNNING summary for the run file */
    List<RunSummary> checkpoints() {
        List<RunSummary> out = new ArrayList<>();
        runs.values().forEach(tracker -> {
            RunSummary summary = tracker.checkpoint();
            if (summary != null) {
                out.add(summary);
            }
        });
        return out;
    }

    /**
     * Closes the given runs that are still open (their logs have no end event) as CRASHED.
     *
     * @param runIds runs of a dead predecessor
     * @return their CRASHED summaries
     */
    List<RunSummary> crashed(Collection<String> runIds) {
        List<RunSummary> out = new ArrayList<>();
        for (String runId : runIds) {
            RunTracker tracker = runs.get(runId);
            if (tracker != null && !tracker.ended() && !tracker.isContinued()) {
                runs.remove(runId);
                RunSummary summary = tracker.crashed();
                if (summary != null) {
                    out.add(summary);
                }
            }
        }
        return out;
    }

    private RunSummary done(String runId, RunTracker tracker, RunSummary summary) {
        if (summary != null && summary.getStatus() != io.trainstream.schemas.avro.RunStatus.RUNNING) {
            runs.remove(runId, tracker);
        } else if (summary == null && tracker.ended() && tracker.isEndSeq()) {
            runs.remove(runId, tracker);
            LOG.warn("run {} has no run_start event or no delivered event; it is not in the runs index", runId);
        }
        return summary;
    }
}
