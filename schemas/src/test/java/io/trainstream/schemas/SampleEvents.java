package io.trainstream.schemas;

import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EpochChange;
import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.schemas.avro.EvalEpochBoundary;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.HistoryReset;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricDeleted;
import io.trainstream.schemas.avro.MetricPrefixChanged;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.StopTraining;
import io.trainstream.schemas.avro.TrainerEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deterministic event per payload type (and a few variants), shared by the round-trip, JSON
 * and fixture tests. Maps are ordered so that encodings are byte-stable.
 */
public final class SampleEvents {

    public static final String RUN_ID = "run-7f3a";
    public static final Instant TIME = Instant.parse("2024-05-01T12:00:00.250Z");

    private SampleEvents() {
    }

    /** Returns the samples by fixture name, in a fixed order. */
    public static Map<String, TrainerEvent> all() {
        Map<String, TrainerEvent> samples = new LinkedHashMap<>();
        samples.put("lifecycle", event(3, EventType.TRAIN_EPOCH_START, null, new Lifecycle()));
        samples.put("train-step-end", event(4, EventType.TRAIN_STEP_END, 2, StepEnd.newBuilder()
                .setLoss(Double.NaN).setBatchSize(64).build()));
        // v2: a train step with gradient accumulation 4, whose callbacks saw the loss divided by 4
        samples.put("train-step-end-accumulated", event(4, EventType.TRAIN_STEP_END, 3, StepEnd.newBuilder()
                .setLoss(0.75).setBatchSize(64).setCallbackLoss(0.1875).build()));
        samples.put("eval-step-end", event(5, EventType.EVAL_STEP_END, null, StepEnd.newBuilder()
                .setLoss(0.25).setBatchSize(3)
                .setPredictions(Arrays.asList(0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))
                .setTargets(Arrays.asList(0.0, 1.0, Double.NaN))
                .setSampleIds(List.of("a", "b", "c")).build()));
        samples.put("eval-epoch-boundary", event(6, EventType.EVAL_EPOCH_END, null,
                new EvalEpochBoundary(true)));
        samples.put("stop-training", event(7, EventType.STOP_TRAINING_ERROR, null,
                new StopTraining("NaN loss at step 2")));
        samples.put("metric-update", event(8, EventType.METRIC_UPDATE, null,
                new MetricUpdate("eval_loss_epoch", Double.NEGATIVE_INFINITY)));
        samples.put("metric-update-nan", event(9, EventType.METRIC_UPDATE, null,
                new MetricUpdate("train_loss_epoch", Double.NaN)));
        samples.put("metric-deleted", event(10, EventType.METRIC_DELETED, null,
                new MetricDeleted("intermediate_eval_loss")));
        samples.put("metric-prefix-changed", event(11, EventType.METRIC_PREFIX_CHANGED, null,
                new MetricPrefixChanged("ema_model_")));
        samples.put("history-reset", event(12, EventType.HISTORY_RESET, null, new HistoryReset("train() start")));
        samples.put("epoch-change", event(13, EventType.EPOCH_CHANGE, null,
                new EpochChange(3, EpochChangeCause.INCREMENT)));
        samples.put("run-start", event(0, EventType.RUN_START, null, runStart()));
        samples.put("run-end", event(14, EventType.RUN_END, null,
                new RunEnd(RunEndStatus.STOPPED, "early stopping", 2, 40L)));
        samples.put("custom-event", event(15, EventType.CUSTOM, 1, customEvent()));
        samples.put("run-end-interrupted", event(16, EventType.RUN_END, null,
                new RunEnd(RunEndStatus.INTERRUPTED, "interrupted: SIGTERM", 3, 60L)));
        return samples;
    }

    /** Builds an event of the sample run with the given varying parts. */
    public static TrainerEvent event(long seq, EventType type, Integer step, Object payload) {
        return TrainerEvent.newBuilder()
                .setRunId(RUN_ID).setSeq(seq).setTime(TIME).setProcessIndex(0).setProcessCount(1)
                .setHost("node-1").setType(type).setEpoch(2).setGlobalStep(17L).setStep(step)
                .setPayload(payload).build();
    }

    public static RunStart runStart() {
        RunConfig config = RunConfig.newBuilder()
                .setNumEpochs(10).setTrainPerDeviceBatchSize(64).setTrainDlKwargs(ordered("shuffle", "true"))
                .setEvalPerDeviceBatchSize(128).setEvalDlKwargs(ordered()).setGradientAccumulationSteps(2)
                .setGradientClipValue(1.5).setTrainTotalBatchSize(128).setEvalTotalBatchSize(128)
                .setNumUpdateStepsPerEpoch(20).setNumLocalUpdateStepsPerEpoch(20).setMaxNumTrainSteps(201L)
                .setIsLocalProcessZero(true).setIsWorldProcessZero(true).setIsDistributed(false)
                .setMixedPrecision("no").setNumProcesses(1).build();
        return RunStart.newBuilder()
                .setRunConfig(config).setKind(RunKind.TRAIN).setRunName("iris-mlp")
                .setHyperparameters(ordered("lr", "0.001", "optimizer", "adam")).setSeed(42L)
                .setModelSummary("SequentialBlock(Linear(20->64), ReLU, Linear(64->3))")
                .setLibraryVersions(ordered("java", "17", "djl", "0.36.0")).setGitSha("a1b2c3d")
                .setWatchMetric("eval_loss_epoch").setGreaterIsBetter(false).build();
    }

    public static CustomEvent customEvent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("missing", null);
        fields.put("ok", true);
        fields.put("count", 3L);
        fields.put("norm", Double.POSITIVE_INFINITY);
        fields.put("ratio", Double.NaN);
        fields.put("shape", "64x20");
        fields.put("xb_head", Arrays.asList(0.5, Double.NaN, Double.NEGATIVE_INFINITY));
        return new CustomEvent("verify_train_batch", fields);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
