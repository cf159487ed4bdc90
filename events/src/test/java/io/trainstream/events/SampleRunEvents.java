package io.trainstream.events;

import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunKind;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One typed event of every kind, with values that exercise each field (NaN, infinities, nulls). */
final class SampleRunEvents {

    private SampleRunEvents() {}

    static Map<EventKind, RunEvent> everyKind() {
        Map<EventKind, RunEvent> events = new EnumMap<>(EventKind.class);
        long seq = 0;
        for (EventKind kind : EventKind.values()) {
            Integer step = kind == EventKind.TRAIN_STEP_START || kind == EventKind.TRAIN_STEP_END ? 3 : null;
            EventHeader header = new EventHeader("run-7f3a", seq++, 1_714_564_800_250L + seq, 0, 1, "node-1", 2,
                    17L, step);
            events.put(kind, new RunEvent(header, body(kind)));
        }
        return events;
    }

    static EventBody body(EventKind kind) {
        return switch (kind) {
            case INIT_END -> new EventBody.InitEnd();
            case TRAINING_RUN_START -> new EventBody.TrainingRunStart();
            case TRAIN_EPOCH_START -> new EventBody.TrainEpochStart();
            case TRAIN_STEP_START -> new EventBody.TrainStepStart();
            case TRAIN_STEP_END -> new EventBody.TrainStepEnd(StepValues.of(0.75, 0.1875, 64));
            case TRAIN_EPOCH_END -> new EventBody.TrainEpochEnd();
            case EVAL_EPOCH_START -> new EventBody.EvalEpochStart(true);
            case EVAL_STEP_START -> new EventBody.EvalStepStart();
            case EVAL_STEP_END -> new EventBody.EvalStepEnd(new StepValues(Double.NaN, Double.NaN, 3,
                    Arrays.asList(0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                    Arrays.asList(0.0, 1.0, Double.NaN), List.of("a", "b", "c")));
            case EVAL_EPOCH_END -> new EventBody.EvalEpochEnd(false);
            case TRAINING_RUN_EPOCH_END -> new EventBody.TrainingRunEpochEnd();
            case TRAINING_RUN_END -> new EventBody.TrainingRunEnd();
            case EVALUATION_RUN_START -> new EventBody.EvaluationRunStart();
            case EVALUATION_RUN_END -> new EventBody.EvaluationRunEnd();
            case STOP_TRAINING_ERROR -> new EventBody.StopTrainingError("NaN loss at step 2");
            case METRIC_UPDATE -> new EventBody.MetricUpdate("eval_loss_epoch", Double.NEGATIVE_INFINITY);
            case METRIC_DELETED -> new EventBody.MetricDeleted("intermediate_eval_loss");
            case METRIC_PREFIX_CHANGED -> new EventBody.MetricPrefixChanged("ema_model_");
            case HISTORY_RESET -> new EventBody.HistoryReset(null);
            case EPOCH_CHANGE -> new EventBody.EpochChange(3, EpochChangeCause.SET_ON_RESUME);
            case RUN_START -> runStart();
            case RUN_END -> new EventBody.RunEnd(RunEndStatus.INTERRUPTED, "interrupted: SIGTERM", 3, 60L);
            case CUSTOM -> custom();
        };
    }

    static RunStart runStart() {
        RunConfig config = RunConfig.newBuilder()
                .setNumEpochs(10).setTrainPerDeviceBatchSize(64).setTrainDlKwargs(Map.of("shuffle", "true"))
                .setEvalPerDeviceBatchSize(128).setEvalDlKwargs(Map.of()).setGradientAccumulationSteps(2)
                .setGradientClipValue(null).setTrainTotalBatchSize(128).setEvalTotalBatchSize(128)
                .setNumUpdateStepsPerEpoch(20).setNumLocalUpdateStepsPerEpoch(20).setMaxNumTrainSteps(201L)
                .setIsLocalProcessZero(true).setIsWorldProcessZero(true).setIsDistributed(false)
                .setMixedPrecision("no").setNumProcesses(1).build();
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("lr", "0.001");
        hyper.put("optimizer", "adam");
        return new RunStart(config, RunKind.TRAIN, null, hyper, 42L, "SequentialBlock(Linear(20->64))",
                Map.of("java", "17"), null, "eval_loss_epoch", true);
    }

    static EventBody.Custom custom() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("missing", null);
        fields.put("ok", true);
        fields.put("count", 3L);
        fields.put("ratio", Double.NaN);
        fields.put("shape", "(64, 20)");
        fields.put("xb_head", Arrays.asList(0.5, Double.NaN, Double.NEGATIVE_INFINITY));
        return new EventBody.Custom("verify_train_batch", fields);
    }
}
