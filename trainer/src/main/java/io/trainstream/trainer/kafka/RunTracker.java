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

    /** The config summary's key for the watched metric's direction, so a successor can keep best values. */
    static final String GREATER_IS_BETTER = "watch_metric_greater_is_better";
    /**
     * The runs index is a summary: a value longer than this is cut, and at most this many hyperparameters
     * are copied, so a summary stays far below any record size limit whatever the run start holds (the
     * full values stay in the run's {@code run_start} event).
     */
    static final int MAX_VALUE_CHARS = 200;
    static final int MAX_HYPERPARAMETERS = 100;

    private final String runId;
    private final String eventsTopic;
    private TrainerEvent startEvent;
    private TrainerEvent endEvent;
    private RunSummary base;
    private long startSeq = -1;
    private long endSeq = -1;
    private boolean changed;
    private long lastDone = -1;
    private Double watchLast;
    private Double watchBest;
    private int partition = -1;
    private long firstSeq = Long.MAX_VALUE;
    private long firstOffset = -1;
    private long lastSeq = -1;
    private long lastOffset = -1;
    private int epochsDone = -1;
    private long lastWatchSeq = -1;
    /** Where the run's events stood when a predecessor's run file was taken over: read its tail from there. */
    private long takenOverOffset = -1;
    /** Continued by this publisher ({@code resume}): never closed as CRASHED here. */
    private boolean continued;

    RunTracker(String runId, String eventsTopic) {
        this.runId = runId;
        this.eventsTopic = eventsTopic;
    }

    /**
     * A tracker for a run an earlier publisher began: what the runs index knew of it, kept in the
     * outbox's run files, stands in for its start event.
     */
    static RunTracker resumed(RunSummary known) {
        RunTracker tracker = new RunTracker(known.getRunId(), known.getEventsTopic());
        tracker.base = known;
        tracker.watchLast = known.getWatchMetricLast();
        tracker.watchBest = known.getWatchMetricBest();
        tracker.partition = known.getPartition();
        tracker.firstOffset = known.getFirstOffset();
        tracker.firstSeq = known.getFirstOffset() >= 0 ? 0 : Long.MAX_VALUE;
        tracker.lastSeq = known.getLastSeq() == null ? -1 : known.getLastSeq();
        tracker.lastOffset = known.getLastOffset() == null ? -1 : known.getLastOffset();
        tracker.epochsDone = known.getEpochsCompleted();
        tracker.takenOverOffset = Math.max(tracker.lastOffset, tracker.firstOffset);
        return tracker;
    }

    /**
     * A tracker for a crashed run this publisher continues: its summary keeps the run's start time and
     * where its first events lie, and it is never marked CRASHED by this publisher's recovery.
     */
    static RunTracker continued(RunSummary previous) {
        RunTracker tracker = resumed(previous);
        tracker.continued = true;
        return tracker;
    }

    /** @return the partition of the run's events, or -1 while unknown */
    synchronized int partition() {
        return partition;
    }

    /**
     * @return the offset from which to read what a dead predecessor got onto the topic after its last run
     *     file: the run file's last offset (not a later one: resent leftovers land at the partition's end)
     */
    synchronized long tailFrom() {
        return takenOverOffset >= 0 ? takenOverOffset : Math.max(lastOffset, firstOffset);
    }

    /**
     * @return true when only a predecessor's outbox leftovers told this publisher of the run: no run file
     *     says what reached Kafka, so the leftovers' resent copies follow originals already on the topic
     */
    synchronized boolean knownOnlyFromLeftovers() {
        return base == null; // a run file (resumed) or a continued run always sets it
    }

    /** @return when the run's start event was raised, or null when this tracker has not seen it */
    synchronized java.time.Instant startTime() {
        return startEvent == null ? null : startEvent.getTime();
    }

    /** @return true when this publisher continues the run */
    synchronized boolean isContinued() {
        return continued;
    }
    /** Notes what the run's start, end and metric events say, before they are sent. */
    synchronized void observe(TrainerEvent event) {
        if (event.getType() == EventType.RUN_START) {
            startEvent = event;
            startSeq = event.getSeq();
        } else if (event.getType() == EventType.RUN_END) {
            endEvent = event;
            endSeq = event.getSeq();
        } else if (event.getType() == EventType.TRAINING_RUN_EPOCH_END) {
            // the epoch's training (and evaluation) is done once its run-epoch end is raised
            epochsDone = Math.max(epochsDone, event.getEpoch());
        } else if (event.getType() == EventType.METRIC_UPDATE && event.getSeq() > lastWatchSeq) {
            // seq order, not arrival order: a taken-over run sees resent copies of older events after newer ones
            MetricUpdate update = (MetricUpdate) event.getPayload();
            if (update.getName().equals(watchMetric())) {
                lastWatchSeq = event.getSeq();
                watch(update.getValue(), greaterIsBetter());
            }
        }
    }

    private String watchMetric() {
        if (startEvent != null) {
            return ((RunStart) startEvent.getPayload()).getWatchMetric();
        }
        return base == null ? null : base.getWatchMetric();
    }

    private boolean greaterIsBetter() {
        if (startEvent != null) {
            return ((RunStart) startEvent.getPayload()).getGreaterIsBetter();
        }
        return base != null && "true".equals(base.getConfig().get(GREATER_IS_BETTER));
    }

    /**
     * Notes where an acknowledged event lies.
     *
     * @return the summary to write now: RUNNING when this is the run's start event, the final one when
     *     it is its end event; else null
     */
    synchronized RunSummary acked(long seq, RecordMetadata metadata) {
        changed = true;
        lastDone = seq;
        // the earliest copy of the first seq: a publisher that takes over a run with no run file resends events
        // its predecessor had delivered, and reads the originals (which come first in the partition) after
        if (seq < firstSeq || (seq == firstSeq && metadata.offset() < firstOffset)) {
            firstSeq = seq;
            firstOffset = metadata.offset();
            partition = metadata.partition();
        }
        if (seq > lastSeq) {
            lastSeq = seq;
            lastOffset = metadata.offset();
        }
        if (seq == startSeq && endEvent == null) {
            return summary(RunStatus.RUNNING);
        }
        return seq == endSeq ? finalSummary() : null;
    }

    /** @return true when the latest acknowledgement or failure was the run's end event */
    synchronized boolean isEndSeq() {
        return endSeq >= 0 && lastDone == endSeq;
    }

    /** @return true when the run's end event has been seen */
    synchronized boolean ended() {
        return endEvent != null;
    }

    /** @return the summary to keep in the run file when something was acknowledged since the last call, else null */
    synchronized RunSummary checkpoint() {
        if (!changed || partition < 0) {
            return null;
        }
        changed = false;
        return summary(RunStatus.RUNNING);
    }

    /** @return the summary of a run whose publisher died before its end event: status CRASHED */
    synchronized RunSummary crashed() {
        return partition < 0 ? null : summary(RunStatus.CRASHED);
    }

    /**
     * @return the final summary when the failed event is the run's end event and earlier events of the
     *     run were acknowledged (so the index still says where they lie); else null
     */
    synchronized RunSummary failed(long seq) {
        lastDone = seq;
        return seq == endSeq && partition >= 0 ? finalSummary() : null;
    }

    private RunSummary finalSummary() {
        RunEnd end = (RunEnd) endEvent.getPayload();
        return summary(switch (end.getStatus()) {
            case COMPLETED -> RunStatus.COMPLETED;
            case STOPPED -> RunStatus.STOPPED;
            case INTERRUPTED -> RunStatus.INTERRUPTED;
            default -> RunStatus.FAILED;
        });
    }

    private RunSummary summary(RunStatus status) {
        if (startEvent == null) {
            return base == null ? null : fromBase(status);
        }
        RunStart start = (RunStart) startEvent.getPayload();
        boolean ended = endEvent != null && status != RunStatus.RUNNING && status != RunStatus.CRASHED;
        RunEnd end = ended ? (RunEnd) endEvent.getPayload() : null;
        // a continued run keeps its first start time; its events' first offset is kept by acked()
        java.time.Instant startTime = base != null ? base.getStartTime() : startEvent.getTime();
        int epochs = ended ? end.getEpochsCompleted() : Math.max(epochsDone, startEvent.getEpoch() - 1);
        return new RunSummary(runId, start.getRunName(), status, start.getKind(), startTime,
                ended ? endEvent.getTime() : null, startEvent.getHost(), configSummary(start), start.getWatchMetric(),
                watchLast, watchBest, epochs,
                ended ? end.getGlobalStep() : startEvent.getGlobalStep(), eventsTopic, partition, firstOffset, lastOffset,
                lastSeq, Instant.now());
    }

    private RunSummary fromBase(RunStatus status) {
        RunSummary.Builder out = RunSummary.newBuilder(base).setStatus(status).setWatchMetricLast(watchLast)
                .setWatchMetricBest(watchBest).setLastOffset(lastOffset < 0 ? null : lastOffset)
                .setLastSeq(lastSeq < 0 ? null : lastSeq).setUpdatedTime(Instant.now())
                .setEpochsCompleted(Math.max(base.getEpochsCompleted(), epochsDone));
        if (endEvent != null && status != RunStatus.RUNNING && status != RunStatus.CRASHED) {
            RunEnd end = (RunEnd) endEvent.getPayload();
            out.setEndTime(endEvent.getTime()).setEpochsCompleted(end.getEpochsCompleted())
                    .setGlobalStep(end.getGlobalStep());
        }
        return out.build();
    }

    private static String small(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value
                : value.substring(0, MAX_VALUE_CHARS) + "... (" + value.length() + " chars, see run_start)";
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
                config.put(field.name(), small(String.valueOf(value)));
            }
        });
        int kept = 0;
        for (Map.Entry<String, String> hyperparameter : start.getHyperparameters().entrySet()) {
            if (kept++ == MAX_HYPERPARAMETERS) {
                config.put("hp.(more)", (start.getHyperparameters().size() - MAX_HYPERPARAMETERS) + " more in run_start");
                break;
            }
            config.put("hp." + small(hyperparameter.getKey()), small(hyperparameter.getValue()));
        }
        if (start.getSeed() != null) {
            config.put("seed", String.valueOf(start.getSeed()));
        }
        if (start.getWatchMetric() != null) {
            config.put(GREATER_IS_BETTER, String.valueOf(start.getGreaterIsBetter()));
        }
        return config;
    }
}
