package io.trainstream.trainer.kafka;

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
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.StopTraining;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.event.TrainingEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a trainer's {@link TrainingEvent} into the wire record {@link TrainerEvent}: the envelope, and
 * the payload record its type carries. Stateless apart from the host name; thread-safe. Copies every
 * array, so the caller may reuse its arrays after converting.
 */
public final class EventConverter {

    private final String host;

    /** @param host the publishing host written into every envelope */
    public EventConverter(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** @return a converter for this machine ({@link LocalHost#name()}) */
    public static EventConverter forLocalHost() {
        return new EventConverter(LocalHost.name());
    }

    /** @return the host written into every envelope */
    public String host() {
        return host;
    }

    /**
     * @param event a trainer event
     * @return the wire record: process index 0 of 1, this converter's host
     * @throws IllegalArgumentException when a payload field is missing or of the wrong type
     */
    public TrainerEvent convert(TrainingEvent event) {
        EventType type = EventType.valueOf(event.type().name());
        return new TrainerEvent(event.runId(), event.seq(), Instant.ofEpochMilli(event.timeMillis()), 0, 1, host, type,
                event.epoch(), event.globalStep(), event.step(), payload(event, new Fields(event)));
    }

    private static Object payload(TrainingEvent event, Fields f) {
        return switch (event.type()) {
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_EPOCH_END, EVAL_STEP_START,
                    TRAINING_RUN_EPOCH_END, TRAINING_RUN_END, EVALUATION_RUN_START, EVALUATION_RUN_END -> new Lifecycle();
            case TRAIN_STEP_END, EVAL_STEP_END -> new StepEnd(f.number("loss").doubleValue(),
                    f.number("batch_size").intValue(), f.doublesOrNull("predictions"), f.doublesOrNull("targets"),
                    f.stringsOrNull("sample_ids"), f.doubleOrNull("callback_loss"));
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> new EvalEpochBoundary(f.bool("is_intermediate"));
            case STOP_TRAINING_ERROR -> new StopTraining(f.string("reason"));
            case METRIC_UPDATE -> new MetricUpdate(f.string("name"), f.number("value").doubleValue());
            case METRIC_DELETED -> new MetricDeleted(f.string("name"));
            case METRIC_PREFIX_CHANGED -> new MetricPrefixChanged(f.string("prefix"));
            case HISTORY_RESET -> new HistoryReset(f.stringOrNull("reason"));
            case EPOCH_CHANGE -> new EpochChange(f.number("epoch").intValue(),
                    EpochChangeCause.valueOf(f.string("cause")));
            case RUN_START -> RunStartConverter.convert(f);
            case RUN_END -> new RunEnd(RunEndStatus.valueOf(f.string("status")), f.stringOrNull("reason"),
                    f.number("epochs_completed").intValue(), f.number("global_step").longValue());
            case CUSTOM -> new CustomEvent(event.name(), customFields(event.payload()));
        };
    }

    private static Map<String, Object> customFields(Map<String, Object> payload) {
        Map<String, Object> fields = new LinkedHashMap<>();
        payload.forEach((key, value) -> fields.put(key, Fields.wireValue(value)));
        return fields;
    }
}
