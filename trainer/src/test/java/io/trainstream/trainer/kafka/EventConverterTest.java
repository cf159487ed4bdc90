package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventNames;
import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.LoaderOptions;
import io.trainstream.trainer.event.EventType;
import io.trainstream.trainer.event.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventConverterTest {

    private final EventConverter testSubject = new EventConverter("node-7");

    @Test
    void everyEventTypeConvertsAndRoundTripsThroughTheCodec() {
        for (EventType type : EnumSet.allOf(EventType.class)) {
            TrainingEvent event = sample(type);

            TrainerEvent decoded = EventCodec.decode(EventCodec.encode(testSubject.convert(event)));

            String at = type.name();
            assertThat(decoded.getType().name()).as(at).isEqualTo(type.name());
            assertThat(EventNames.nameOf(decoded)).as(at).isEqualTo(event.name());
            assertThat(decoded.getRunId()).isEqualTo("run-1");
            assertThat(decoded.getSeq()).isEqualTo(event.seq());
            assertThat(decoded.getTime().toEpochMilli()).isEqualTo(event.timeMillis());
            assertThat(decoded.getHost()).isEqualTo("node-7");
            assertThat(decoded.getProcessIndex()).isZero();
            assertThat(decoded.getProcessCount()).isEqualTo(1);
            assertThat(decoded.getEpoch()).isEqualTo(2);
            assertThat(decoded.getGlobalStep()).isEqualTo(17);
            assertThat(decoded.getStep()).isEqualTo(event.step());
            Object payload = decoded.getPayload() instanceof CustomEvent custom ? custom.getFields() : decoded.getPayload();
            PayloadAssert.assertMatches(at, payload, event.payload());
        }
    }

    @Test
    void nanAndInfinitiesSurviveInMetricsLossesAndCustomFields() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            TrainerEvent metric = roundTrip(event(EventType.METRIC_UPDATE, "metric_update", null,
                    Map.of("name", "eval_loss_epoch", "value", odd)));
            TrainerEvent step = roundTrip(event(EventType.TRAIN_STEP_END, "train_step_end", 3,
                    Map.of("loss", odd, "batch_size", 32L)));
            TrainerEvent custom = roundTrip(event(EventType.CUSTOM, "probe", null,
                    Map.of("x", odd, "xs", new double[] {odd, 1.0})));

            assertThat(Double.compare(((io.trainstream.schemas.avro.MetricUpdate) metric.getPayload()).getValue(), odd)).isZero();
            assertThat(Double.compare(((io.trainstream.schemas.avro.StepEnd) step.getPayload()).getLoss(), odd)).isZero();
            Map<String, Object> fields = ((CustomEvent) custom.getPayload()).getFields();
            assertThat(fields.get("x")).isEqualTo(odd);
            assertThat(fields.get("xs")).isEqualTo(List.of(odd, 1.0));
        }
    }

    @Test
    void runStartCarriesTheWholeRunConfig() {
        TrainerEvent decoded = roundTrip(sample(EventType.RUN_START));

        RunStart start = (RunStart) decoded.getPayload();
        RunConfig config = start.getRunConfig();
        assertThat(config.getNumEpochs()).isEqualTo(3);
        assertThat(config.getTrainPerDeviceBatchSize()).isEqualTo(32);
        assertThat(config.getTrainDlKwargs()).containsEntry("shuffle", "true");
        assertThat(config.getNumUpdateStepsPerEpoch()).isEqualTo(10);
        assertThat(config.getMaxNumTrainSteps()).isEqualTo(31);
        assertThat(config.getGradientClipValue()).isEqualTo(0.5);
        assertThat(start.getWatchMetric()).isEqualTo("eval_loss_epoch");
        assertThat(start.getSeed()).isEqualTo(42L);
        assertThat(RunTracker.configSummary(start)).containsEntry("num_epochs", "3").containsEntry("hp.lr", "0.01")
                .containsEntry("seed", "42");
    }

    @Test
    void aPayloadThatDoesNotFitTheSchemaNamesTheEventAndField() {
        TrainingEvent broken = event(EventType.METRIC_UPDATE, "metric_update", null, Map.of("name", "x"));

        assertThatThrownBy(() -> testSubject.convert(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric_update").hasMessageContaining("value");
    }

    @Test
    void customArraysAreCopiedSoTheCallerMayReuseThem() {
        double[] values = {1.0, 2.0};
        TrainerEvent converted = testSubject.convert(event(EventType.CUSTOM, "probe", null, Map.of("xs", values)));
        values[0] = 99.0;

        assertThat(((CustomEvent) converted.getPayload()).getFields().get("xs")).isEqualTo(List.of(1.0, 2.0));
    }

    private TrainerEvent roundTrip(TrainingEvent event) {
        return EventCodec.decode(EventCodec.encode(testSubject.convert(event)));
    }

    private static TrainingEvent event(EventType type, String name, Integer step, Map<String, Object> payload) {
        return new TrainingEvent("run-1", type.ordinal(), 1_714_564_800_250L + type.ordinal(), type, name, 2, 17L, step,
                payload);
    }

    /** A payload of each type, built the way the trainer builds it. */
    private static TrainingEvent sample(EventType type) {
        String name = type.eventName();
        return switch (type) {
            case TRAIN_STEP_END, EVAL_STEP_END -> event(type, name, 4, Map.of("loss", 0.731, "batch_size", 32L));
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> event(type, name, null, Map.of("is_intermediate", true));
            case STOP_TRAINING_ERROR -> event(type, name, null, Map.of("reason", "patience exhausted"));
            case METRIC_UPDATE -> event(type, name, null, Map.of("name", "eval_loss_epoch", "value", 0.25));
            case METRIC_DELETED -> event(type, name, null, Map.of("name", "accuracy"));
            case METRIC_PREFIX_CHANGED -> event(type, name, null, Map.of("prefix", "eval_"));
            case HISTORY_RESET -> event(type, name, null, Map.of());
            case EPOCH_CHANGE -> event(type, name, null, Map.of("epoch", 3L, "cause", "INCREMENT"));
            case RUN_START -> event(type, name, null, runStartPayload());
            case RUN_END -> event(type, name, null, runEndPayload());
            case CUSTOM -> event(type, "verify_train_batch", null, customPayload());
            case TRAIN_STEP_START, EVAL_STEP_START -> event(type, name, 4, Map.of());
            default -> event(type, name, null, Map.of());
        };
    }

    private static Map<String, Object> runStartPayload() {
        Map<String, Object> payload = new HashMap<>();
        payload.put("kind", "TRAIN");
        payload.put("run_config", io.trainstream.trainer.RunConfig.forTraining(3, null, 10,
                LoaderOptions.defaults().resolve(32, true), LoaderOptions.defaults().resolve(64, false), 1, 0.5).toMap());
        payload.put("run_name", "digits");
        payload.put("hyperparameters", Map.of("lr", "0.01"));
        payload.put("seed", 42L);
        payload.put("model_summary", "SequentialBlock(Linear)");
        payload.put("library_versions", Map.of("java", "17", "djl", "0.36.0"));
        payload.put("git_sha", null);
        payload.put("watch_metric", "eval_loss_epoch");
        payload.put("greater_is_better", false);
        return payload;
    }

    private static Map<String, Object> runEndPayload() {
        Map<String, Object> payload = new HashMap<>();
        payload.put("status", "STOPPED");
        payload.put("reason", "early stopping");
        payload.put("epochs_completed", 2L);
        payload.put("global_step", 20L);
        return payload;
    }

    private static Map<String, Object> customPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("xb", new double[] {0.5, Double.NaN, Double.NEGATIVE_INFINITY});
        payload.put("xb.shape", "(3)");
        payload.put("rows", 64L);
        payload.put("ok", true);
        payload.put("scale", Double.POSITIVE_INFINITY);
        payload.put("nothing", null);
        return payload;
    }
}
