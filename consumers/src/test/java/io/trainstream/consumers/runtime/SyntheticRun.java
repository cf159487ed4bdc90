package io.trainstream.consumers.runtime;

import io.trainstream.schemas.avro.EpochChange;
import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.schemas.avro.EvalEpochBoundary;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.HistoryReset;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricDeleted;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.TrainerEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated event stream shaped like a trainer's: epochs of train steps, an eval with outputs, metric
 * updates (NaN and infinities included), a metric deleted, an intermediate evaluation, a history reset
 * in the middle; without a run_start (its config record is large), with a run_end.
 */
public final class SyntheticRun {

    private final String runId;
    private final List<TrainerEvent> events = new ArrayList<>();
    private int epoch = 1;
    private long globalStep;

    private SyntheticRun(String runId) {
        this.runId = runId;
    }

    /** @return the events of a run with {@code epochs} epochs of {@code steps} train and eval steps */
    public static List<TrainerEvent> events(String runId, int epochs, int steps) {
        SyntheticRun run = new SyntheticRun(runId);
        run.build(epochs, steps);
        return run.events;
    }

    private void build(int epochs, int steps) {
        add(EventType.TRAINING_RUN_START, new Lifecycle(), null);
        for (int e = 1; e <= epochs; e++) {
            if (e == 2) {
                // a reset wipes everything logged so far, then a deleted metric must not come back
                add(EventType.HISTORY_RESET, new HistoryReset(null), null);
                add(EventType.EPOCH_CHANGE, new EpochChange(2, EpochChangeCause.SET_ON_RESUME), null);
                epoch = 2;
            }
            add(EventType.TRAIN_EPOCH_START, new Lifecycle(), null);
            for (int s = 0; s < steps; s++) {
                globalStep++;
                add(EventType.TRAIN_STEP_END, new StepEnd(1.0 / (globalStep + 1), 4, null, null, null, 1.0 / (globalStep + 1)), s);
                add(EventType.METRIC_UPDATE, new MetricUpdate("train_loss_step", 1.0 / (globalStep + 1)), null);
            }
            add(EventType.METRIC_UPDATE, new MetricUpdate("train_loss_epoch", 0.5 / e), null);
            add(EventType.TRAIN_EPOCH_END, new Lifecycle(), null);
            if (e == 1) {
                evaluation(steps, true);
            }
            evaluation(steps, false);
            add(EventType.METRIC_UPDATE, new MetricUpdate("eval_loss_epoch", 0.7 / e), null);
            add(EventType.METRIC_UPDATE, new MetricUpdate("odd", e % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY), null);
            add(EventType.METRIC_UPDATE, new MetricUpdate("temp", (double) e), null);
            if (e == epochs) {
                add(EventType.METRIC_DELETED, new MetricDeleted("temp"), null);
            }
            add(EventType.EVAL_EPOCH_END, new EvalEpochBoundary(false), null);
            add(EventType.TRAINING_RUN_EPOCH_END, new Lifecycle(), null);
            epoch++;
            add(EventType.EPOCH_CHANGE, new EpochChange(epoch, EpochChangeCause.INCREMENT), null);
        }
        add(EventType.TRAINING_RUN_END, new Lifecycle(), null);
        add(EventType.RUN_END, new RunEnd(RunEndStatus.COMPLETED, null, epochs, globalStep), null);
    }

    private void evaluation(int steps, boolean intermediate) {
        add(EventType.EVAL_EPOCH_START, new EvalEpochBoundary(intermediate), null);
        for (int s = 0; s < steps; s++) {
            List<Double> predictions = new ArrayList<>();
            List<Double> targets = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                predictions.add((double) ((s + i + epoch) % 3));
                targets.add((double) ((s * 4 + i) % 3));
                ids.add("sample-" + (s * 4 + i) + (i == 3 ? ",x" : ""));
            }
            add(EventType.EVAL_STEP_END, new StepEnd(0.25, 4, predictions, targets, ids, 0.25), s);
        }
        add(EventType.EVAL_EPOCH_END, new EvalEpochBoundary(intermediate), null);
    }

    private void add(EventType type, Object payload, Integer step) {
        events.add(TrainerEvent.newBuilder().setRunId(runId).setSeq(events.size())
                .setTime(Instant.ofEpochMilli(1_700_000_000_000L + events.size())).setProcessIndex(0).setProcessCount(1)
                .setHost("test").setType(type).setEpoch(epoch).setGlobalStep(globalStep).setStep(step)
                .setPayload(payload).build());
    }
}
