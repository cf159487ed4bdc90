package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's mutable state of one run, built from its events in seq order; {@link RunOverview},
 * {@link RunDetail} and {@link RunMetrics} are its immutable snapshots. Not thread-safe: every access is
 * guarded by the owning {@link DashboardState}.
 */
final class DashboardRunState {

    private final String id;
    private final DashboardLimits limits;
    private final StepSeries trainLoss;
    private final Map<String, MetricSeries> metrics = new LinkedHashMap<>();
    private final ArrayDeque<JsonNode> recent = new ArrayDeque<>();
    private Map<String, String> config = Map.of();
    private Map<String, String> hyperparameters = Map.of();
    private Map<String, String> provenance = Map.of();
    private String name;
    private String kind;
    private RunStatus status = RunStatus.RUNNING;
    private long startedAtMs;
    private Long endedAtMs;
    private String reason;
    private int epoch;
    private long globalStep;
    private long trainSteps;
    private long lastSeq = -1;
    private long events;
    private long missing;

    DashboardRunState(String id, DashboardLimits limits, long firstSeenMs) {
        this.id = id;
        this.limits = limits;
        this.trainLoss = new StepSeries(limits.maxStepPoints());
        this.startedAtMs = firstSeenMs;
    }

    /** Whether an event with this seq was already applied (a duplicate or a replay). */
    boolean hasApplied(long seq) {
        return seq <= lastSeq;
    }

    boolean isRunning() {
        return status == RunStatus.RUNNING;
    }

    long startedAtMs() {
        return startedAtMs;
    }

    /** Applies one event (not yet applied) and returns what changed. */
    DashboardUpdate apply(TrainerEvent event, JsonNode json, long nowMs) {
        if (event.getSeq() > lastSeq + 1) {
            missing += event.getSeq() - lastSeq - 1;
        }
        lastSeq = event.getSeq();
        events++;
        epoch = event.getEpoch();
        globalStep = Math.max(globalStep, event.getGlobalStep());
        remember(json);
        DashboardUpdate.StepPoint step = null;
        DashboardUpdate.MetricPoint metric = null;
        Object payload = event.getPayload();
        switch (event.getType()) {
            case RUN_START -> start(event, (RunStart) payload);
            case RUN_END -> end(event, (RunEnd) payload);
            case TRAIN_STEP_END -> step = trainStep((StepEnd) payload);
            case METRIC_UPDATE -> metric = metric(event, (MetricUpdate) payload);
            default -> {
                // other events only move the epoch and step and join the recent events
            }
        }
        long eventMs = event.getTime().toEpochMilli();
        return new DashboardUpdate(id, event.getSeq(), eventMs, nowMs, info(), step, metric, json);
    }

    private void remember(JsonNode json) {
        if (recent.size() == limits.recentEvents()) {
            recent.removeFirst();
        }
        recent.addLast(json);
    }

    private void start(TrainerEvent event, RunStart start) {
        name = start.getRunName();
        kind = start.getKind().name().toLowerCase(Locale.ROOT);
        startedAtMs = event.getTime().toEpochMilli();
        config = RunStartFields.config(start);
        hyperparameters = RunStartFields.sorted(start.getHyperparameters());
        provenance = RunStartFields.provenance(start);
    }

    private void end(TrainerEvent event, RunEnd end) {
        status = switch (end.getStatus()) {
            case COMPLETED -> RunStatus.COMPLETED;
            case STOPPED -> RunStatus.STOPPED;
            case FAILED -> RunStatus.FAILED;
            case INTERRUPTED -> RunStatus.INTERRUPTED;
            default -> RunStatus.UNKNOWN;
        };
        reason = end.getReason();
        endedAtMs = event.getTime().toEpochMilli();
        // the history's epoch sits one past the last one after a completed run: show the epochs completed
        epoch = end.getEpochsCompleted();
    }

    private DashboardUpdate.StepPoint trainStep(StepEnd stepEnd) {
        trainSteps++;
        if (trainLoss.add(trainSteps, stepEnd.getLoss())) {
            return new DashboardUpdate.StepPoint(trainSteps, stepEnd.getLoss());
        }
        return null;
    }

    private DashboardUpdate.MetricPoint metric(TrainerEvent event, MetricUpdate update) {
        MetricSeries series = metrics.get(update.getName());
        if (series == null) {
            if (metrics.size() >= limits.maxMetricsPerRun()) {
                return null;
            }
            series = new MetricSeries(limits.maxMetricPoints());
            metrics.put(update.getName(), series);
        }
        series.add(event.getEpoch(), update.getValue());
        return new DashboardUpdate.MetricPoint(update.getName(), event.getEpoch(), update.getValue());
    }

    RunOverview info() {
        return new RunOverview(id, name, kind, status, startedAtMs, endedAtMs, reason, epoch, globalStep, trainSteps,
                lastSeq, events, missing);
    }

    RunDetail detail() {
        return new RunDetail(info(), config, hyperparameters, provenance);
    }

    RunMetrics metrics() {
        Map<String, RunMetrics.MetricValues> values = new LinkedHashMap<>();
        metrics.forEach((metricName, series) -> values.put(metricName, series.snapshot()));
        return new RunMetrics(id, lastSeq, trainLoss.snapshot(), values);
    }

    /** The latest {@code limit} events, oldest first. */
    List<JsonNode> recentEvents(int limit) {
        List<JsonNode> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
}
