package io.trainstream.consumers.dashboard;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.StepValues;
import io.trainstream.schemas.avro.RunStatus;

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
    private final ArrayDeque<RunEvent> recent = new ArrayDeque<>();
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
    DashboardUpdate apply(RunEvent event, long nowMs) {
        if (event.seq() > lastSeq + 1) {
            missing += event.seq() - lastSeq - 1;
        }
        lastSeq = event.seq();
        events++;
        epoch = event.epoch();
        globalStep = Math.max(globalStep, event.globalStep());
        remember(event);
        DashboardUpdate.StepPoint step = null;
        DashboardUpdate.MetricPoint metric = null;
        EventBody body = event.body();
        // a switch expression over every kind (no default): the compiler reports a new kind
        boolean ownChange = switch (event.kind()) {
            case RUN_START -> {
                start(event, (RunStart) body);
                yield true;
            }
            case RUN_END -> {
                end(event, (EventBody.RunEnd) body);
                yield true;
            }
            case TRAIN_STEP_END -> {
                step = trainStep(((EventBody.TrainStepEnd) body).values());
                yield true;
            }
            case METRIC_UPDATE -> {
                metric = metric(event, (EventBody.MetricUpdate) body);
                yield true;
            }
            // other events only move the epoch and step and join the recent events
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_EPOCH_END, EVAL_EPOCH_START,
                    EVAL_STEP_START, EVAL_STEP_END, EVAL_EPOCH_END, TRAINING_RUN_EPOCH_END, TRAINING_RUN_END,
                    EVALUATION_RUN_START, EVALUATION_RUN_END, STOP_TRAINING_ERROR, METRIC_DELETED, METRIC_PREFIX_CHANGED,
                    HISTORY_RESET, EPOCH_CHANGE, CUSTOM -> false;
        };
        assert ownChange || (step == null && metric == null);
        return new DashboardUpdate(id, event.seq(), event.timeMillis(), nowMs, info(), step, metric, event);
    }

    private void remember(RunEvent event) {
        if (recent.size() == limits.recentEvents()) {
            recent.removeFirst();
        }
        // kept typed (events are immutable): rendered as JSON only when sent
        recent.addLast(event);
    }

    private void start(RunEvent event, RunStart start) {
        name = start.runName();
        kind = start.runKind().name().toLowerCase(Locale.ROOT);
        startedAtMs = event.timeMillis();
        config = RunStartFields.config(start);
        hyperparameters = RunStartFields.sorted(start.hyperparameters());
        provenance = RunStartFields.provenance(start);
    }

    private void end(RunEvent event, EventBody.RunEnd end) {
        status = end.runStatus();
        reason = end.reason();
        endedAtMs = event.timeMillis();
        // the history's epoch sits one past the last one after a completed run: show the epochs completed
        epoch = end.epochsCompleted();
    }

    private DashboardUpdate.StepPoint trainStep(StepValues stepEnd) {
        trainSteps++;
        if (trainLoss.add(trainSteps, stepEnd.loss())) {
            return new DashboardUpdate.StepPoint(trainSteps, stepEnd.loss());
        }
        return null;
    }

    private DashboardUpdate.MetricPoint metric(RunEvent event, EventBody.MetricUpdate update) {
        MetricSeries series = metrics.get(update.name());
        if (series == null) {
            if (metrics.size() >= limits.maxMetricsPerRun()) {
                return null;
            }
            series = new MetricSeries(limits.maxMetricPoints());
            metrics.put(update.name(), series);
        }
        series.add(event.epoch(), update.value());
        return new DashboardUpdate.MetricPoint(update.name(), event.epoch(), update.value());
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
    List<RunEvent> recentEvents(int limit) {
        List<RunEvent> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
}
