package io.trainstream.consumers.dashboard;

import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunStart;
import io.trainstream.events.StepValues;
import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One typed event of every {@link EventKind}, in seq order, with values that a JSON writer can get wrong:
 * NaN and infinities, nulls, unsorted maps, and text with quotes, markup, DEL, a C1 control and a bidi override.
 */
final class EveryKindEvents {

    /** Text the terminal-safe writer escapes and the dashboard's mapper does not (same JSON value either way). */
    static final String AWKWARD = "\"q\" <b>x</b> \u007f \u0085 \u202e end \u00e9 \u4e2d";

    private EveryKindEvents() {
    }

    /** @return every kind once (its step-end events with a step index), seq 0, 1, 2 ... in kind order */
    static List<RunEvent> of(String runId) {
        List<RunEvent> events = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            long seq = events.size();
            Integer step = kind == EventKind.TRAIN_STEP_START || kind == EventKind.TRAIN_STEP_END
                    || kind == EventKind.EVAL_STEP_START || kind == EventKind.EVAL_STEP_END ? (int) seq : null;
            EventHeader header = new EventHeader(runId, seq, 1_760_000_000_123L + seq * 7, 1, 2, "host-" + AWKWARD,
                    2, 40 + seq, step);
            events.add(new RunEvent(header, body(kind)));
        }
        return events;
    }

    // a switch expression over every kind (no default): a new kind must get a sample here to compile
    private static EventBody body(EventKind kind) {
        return switch (kind) {
            case INIT_END -> new EventBody.InitEnd();
            case TRAINING_RUN_START -> new EventBody.TrainingRunStart();
            case TRAIN_EPOCH_START -> new EventBody.TrainEpochStart();
            case TRAIN_STEP_START -> new EventBody.TrainStepStart();
            case TRAIN_STEP_END -> new EventBody.TrainStepEnd(StepValues.of(1.5, 0.375, 32));
            case TRAIN_EPOCH_END -> new EventBody.TrainEpochEnd();
            case EVAL_EPOCH_START -> new EventBody.EvalEpochStart(false);
            case EVAL_STEP_START -> new EventBody.EvalStepStart();
            case EVAL_STEP_END -> new EventBody.EvalStepEnd(new StepValues(0.25, null, 4,
                    Arrays.asList(Double.NaN, 0.5, Double.NEGATIVE_INFINITY, 1e-300),
                    Arrays.asList(1.0, Double.POSITIVE_INFINITY, 0.0, -2.5), List.of("b", AWKWARD, "a", "c")));
            case EVAL_EPOCH_END -> new EventBody.EvalEpochEnd(true);
            case TRAINING_RUN_EPOCH_END -> new EventBody.TrainingRunEpochEnd();
            case TRAINING_RUN_END -> new EventBody.TrainingRunEnd();
            case EVALUATION_RUN_START -> new EventBody.EvaluationRunStart();
            case EVALUATION_RUN_END -> new EventBody.EvaluationRunEnd();
            case STOP_TRAINING_ERROR -> new EventBody.StopTrainingError("loss diverged: " + AWKWARD);
            case METRIC_UPDATE -> new EventBody.MetricUpdate("acc " + AWKWARD, Double.NaN);
            case METRIC_DELETED -> new EventBody.MetricDeleted("eval_loss_epoch");
            case METRIC_PREFIX_CHANGED -> new EventBody.MetricPrefixChanged("swa_");
            case HISTORY_RESET -> new EventBody.HistoryReset("resumed");
            case EPOCH_CHANGE -> new EventBody.EpochChange(4, EpochChangeCause.SET_ON_RESUME);
            case RUN_START -> runStart();
            case RUN_END -> new EventBody.RunEnd(RunEndStatus.FAILED, "boom " + AWKWARD, 1, 45L);
            case CUSTOM -> custom();
        };
    }

    private static RunStart runStart() {
        RunConfig config = RunConfig.newBuilder().setNumEpochs(5).setTrainPerDeviceBatchSize(32)
                .setTrainDlKwargs(Map.of("shuffle", "true", "drop_last", "false")).setEvalPerDeviceBatchSize(64)
                .setEvalDlKwargs(Map.of()).setGradientAccumulationSteps(4).setGradientClipValue(1.0)
                .setTrainTotalBatchSize(64).setEvalTotalBatchSize(128).setNumUpdateStepsPerEpoch(8)
                .setNumLocalUpdateStepsPerEpoch(4).setMaxNumTrainSteps(40L).setIsLocalProcessZero(false)
                .setIsWorldProcessZero(false).setIsDistributed(true).setMixedPrecision("fp16").setNumProcesses(2)
                .build();
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("z_last", "1");
        hyperparameters.put("lr", "3e-4");
        hyperparameters.put("note", AWKWARD);
        return new RunStart(config, RunKind.TRAIN, "run " + AWKWARD, hyperparameters, null, "mlp 4-16-3",
                Map.of("java", "17", "djl", "0.36.0"), "abc123", null, false);
    }

    private static EventBody.Custom custom() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("zeta", Double.NEGATIVE_INFINITY);
        fields.put("none", null);
        fields.put("flag", false);
        fields.put("count", Long.MAX_VALUE);
        fields.put("text", AWKWARD);
        fields.put("series", Arrays.asList(0.1, Double.NaN, Double.POSITIVE_INFINITY));
        return new EventBody.Custom("my_probe", fields);
    }
}
