package io.trainstream.schemas;

import io.trainstream.schemas.avro.CustomEvent;
import io.trainstream.schemas.avro.EpochChange;
import io.trainstream.schemas.avro.EvalEpochBoundary;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.HistoryReset;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricDeleted;
import io.trainstream.schemas.avro.MetricPrefixChanged;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.StepEnd;
import io.trainstream.schemas.avro.StopTraining;
import io.trainstream.schemas.avro.TrainerEvent;
import java.util.Objects;

/**
 * Says which payload record each event type carries. Writers must follow it ({@link EventCodec}
 * checks on encode); readers may rely on it for the types they know.
 */
public final class EventPayloads {

    private EventPayloads() {
    }

    /**
     * Returns the payload class of an event type.
     *
     * @param type a type other than UNKNOWN
     * @return the generated payload class; {@link Lifecycle} for the events without data
     * @throws IllegalArgumentException for UNKNOWN, which is never written
     */
    public static Class<?> payloadClassOf(EventType type) {
        return switch (type) {
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_EPOCH_END,
                    EVAL_STEP_START, TRAINING_RUN_EPOCH_END, TRAINING_RUN_END, EVALUATION_RUN_START,
                    EVALUATION_RUN_END -> Lifecycle.class;
            case TRAIN_STEP_END, EVAL_STEP_END -> StepEnd.class;
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> EvalEpochBoundary.class;
            case STOP_TRAINING_ERROR -> StopTraining.class;
            case METRIC_UPDATE -> MetricUpdate.class;
            case METRIC_DELETED -> MetricDeleted.class;
            case METRIC_PREFIX_CHANGED -> MetricPrefixChanged.class;
            case HISTORY_RESET -> HistoryReset.class;
            case EPOCH_CHANGE -> EpochChange.class;
            case RUN_START -> RunStart.class;
            case RUN_END -> RunEnd.class;
            case CUSTOM -> CustomEvent.class;
            case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN is only read, never written");
        };
    }

    /**
     * Checks that an event's payload is the one its type carries.
     *
     * @param event an event to be written
     * @throws IllegalArgumentException when the type is UNKNOWN or the payload does not fit it
     * @throws NullPointerException when the type or payload is null
     */
    public static void check(TrainerEvent event) {
        EventType type = Objects.requireNonNull(event.getType(), "event type");
        Object payload = Objects.requireNonNull(event.getPayload(), "event payload");
        Class<?> expected = payloadClassOf(type);
        if (!expected.isInstance(payload)) {
            throw new IllegalArgumentException(String.format("a %s event carries a %s payload, not %s",
                    type, expected.getSimpleName(), payload.getClass().getSimpleName()));
        }
    }
}
