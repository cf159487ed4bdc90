package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one {@link RunTracker} per open run and says when a run summary is due: when the run's start
 * event is acknowledged (status RUNNING) and when its end event is (final status). A run's tracker is
 * dropped once its final summary is built.
 */
final class RunIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);

    private final String eventsTopic;
    private final Map<String, RunTracker> runs = new ConcurrentHashMap<>();

    RunIndex(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    void observe(TrainerEvent event) {
        runs.computeIfAbsent(event.getRunId(), id -> new RunTracker(id, eventsTopic)).observe(event);
    }

    RunSummary acked(TrainerEvent event, RecordMetadata metadata) {
        RunTracker tracker = runs.get(event.getRunId());
        return tracker == null ? null : done(event, tracker.acked(event, metadata));
    }

    RunSummary failed(TrainerEvent event) {
        RunTracker tracker = runs.get(event.getRunId());
        return tracker == null ? null : done(event, tracker.failed(event));
    }

    private RunSummary done(TrainerEvent event, RunSummary summary) {
        if (event.getType() == EventType.RUN_END) {
            runs.remove(event.getRunId());
            if (summary == null) {
                LOG.warn("run {} has no run_start event or no delivered event; it is not in the runs index",
                        event.getRunId());
            }
        }
        return summary;
    }
}
