package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runs index knows about one run: its start and end events, its watched metric, and where its
 * acknowledged events lie. {@link #observe} runs on the sender thread in event order, {@link #acked}
 * and {@link #failed} on the producer's I/O thread; all are synchronized.
 */
final class RunTracker {

    private final String runId;
    private final String eventsTopic;
    private TrainerEvent startEvent;
    private TrainerEvent endEvent;
    private Double watchLast;
    private Double watchBest;
    private int partition = -1;
    private long firstSeq = Long.MAX_VALUE;
    private long firstOffset = -1;
    private long lastSeq = -1;
    private long lastOffset = -1;

    RunTracker(String runId, String eventsTopic) {
        this.runId = runId;
        this.eventsTopic = eventsTopic;
    }

    /** Notes what the run's start, end and metric events say, before they are sent. */
    synchronized void observe(TrainerEvent event) {
        if (event.getType() == EventType.RUN_START) {
            startEvent = event;
        } else if (event.getType() == EventType.RUN_END) {
            endEvent = event;
        } else if (event.getType() == EventType.METRIC_UPDATE && startEvent != null) {
            RunStart start = (RunStart) startEvent.getPayload();
            MetricUpdate update = (MetricUpdate) event.getPayload();
            if (update.getName().equals(start.getWatchMetric())) {
                watch(update.getValue(), start.getGreaterIsBetter());
            }
        }
    }

    /**
     * Notes where an acknowledged event lies.
     *
     * @return the summary to write now: RUNNING when this is the run's start event, the final one when
     *     it is its end event; else null
     */
    synchronized RunSummary acked(TrainerEvent event, RecordMetadata metadata) {
        long seq = event.getSeq();
        if (seq < firstSeq) {
            firstSeq = seq;
            firstOffset = metadata.offset();
            partition = metadata.partition();
        }
        if (seq > lastSeq) {
            lastSeq = seq;
            lastOffset = metadata.offset();
        }
        if (event == startEvent && endEvent == null) {
            return summary(RunStatus.RUNNING);
        }
        return event == endEvent ? finalSummary() : null;
    }

    /**
     * @return the final summary when the failed event is the run's end event and earlier events of the
     *     run were acknowledged (so the index still says where they lie); else null
     */
    synchronized RunSummary failed(TrainerEvent event) {
        return event == endEvent && partition >= 0 ? finalSummary() : null;
    }

    private RunSummary finalSummary() {
        RunEnd end = (RunEnd) endEvent.getPayload();
        return summary(switch (end.getStatus()) {
            case COMPLETED -> RunStatus.COMPLETED;
            case STOPPED -> RunStatus.STOPPED;
            default -> RunStatus.FAILED;
        });
    }

    private RunSummary summary(RunStatus status) {
        if (startEvent == null) {
            return null;
        }
        RunStart start = (RunStart) startEvent.getPayload();
        boolean ended = status != RunStatus.RUNNING;
        RunEnd end = ended ? (RunEnd) endEvent.getPayload() : null;
        return new RunSummary(runId, start.getRunName(), status, start.getKind(), startEvent.getTime(),
                ended ? endEvent.getTime() : null, startEvent.getHost(), configSummary(start), start.getWatchMetric(),
                watchLast, watchBest, ended ? end.getEpochsCompleted() : startEvent.getEpoch() - 1,
                ended ? end.getGlobalStep() : startEvent.getGlobalStep(), eventsTopic, partition, firstOffset, lastOffset,
                lastSeq, Instant.now());
    }

    private void watch(double value, boolean greaterIsBetter) {
        watchLast = value;
        if (Double.isNaN(value)) {
            return;
        }
        if (watchBest == null || (greaterIsBetter ? value > watchBest : value < watchBest)) {
            watchBest = value;
        }
    }

    /** @return the run config's values, then {@code hp.<name>} hyperparameters and the seed, as strings */
    static Map<String, String> configSummary(RunStart start) {
        Map<String, String> config = new LinkedHashMap<>();
        start.getRunConfig().getSchema().getFields().forEach(field -> {
            Object value = start.getRunConfig().get(field.pos());
            if (value != null) {
                config.put(field.name(), String.valueOf(value));
            }
        });
        start.getHyperparameters().forEach((name, value) -> config.put("hp." + name, value));
        if (start.getSeed() != null) {
            config.put("seed", String.valueOf(start.getSeed()));
        }
        return config;
    }
}
