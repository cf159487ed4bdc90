package io.trainstream.events;

import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.schemas.avro.RunEndStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of one event, one record per {@link EventKind}, each named after its kind. Records
 * check their fields when built and fail with a message naming the event and the field.
 *
 * <p>Java 17 has no pattern switch: code that handles every kind switches over {@link #kind()} with
 * no {@code default}, so the compiler reports a kind that is not handled, then casts to the record.
 */
public sealed interface EventBody permits EventBody.InitEnd, EventBody.TrainingRunStart, EventBody.TrainEpochStart,
        EventBody.TrainStepStart, EventBody.TrainStepEnd, EventBody.TrainEpochEnd, EventBody.EvalEpochStart,
        EventBody.EvalStepStart, EventBody.EvalStepEnd, EventBody.EvalEpochEnd, EventBody.TrainingRunEpochEnd,
        EventBody.TrainingRunEnd, EventBody.EvaluationRunStart, EventBody.EvaluationRunEnd,
        EventBody.StopTrainingError, EventBody.MetricUpdate, EventBody.MetricDeleted, EventBody.MetricPrefixChanged,
        EventBody.HistoryReset, EventBody.EpochChange, RunStart, EventBody.RunEnd, EventBody.Custom {

    /** @return the kind of event this body belongs to */
    EventKind kind();

    /** {@code init_end}: no fields. */
    record InitEnd() implements EventBody {
        @Override public EventKind kind() { return EventKind.INIT_END; }
    }

    /** {@code training_run_start}: no fields. */
    record TrainingRunStart() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAINING_RUN_START; }
    }

    /** {@code train_epoch_start}: no fields. */
    record TrainEpochStart() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAIN_EPOCH_START; }
    }

    /** {@code train_step_start}: no fields (the batch index is in the header). */
    record TrainStepStart() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAIN_STEP_START; }
    }

    /**
     * {@code train_step_end}.
     *
     * @param values the step's losses and batch size
     */
    record TrainStepEnd(StepValues values) implements EventBody {
        /** Checks the values are there. */
        public TrainStepEnd {
            Objects.requireNonNull(values, "train_step_end values");
        }

        @Override public EventKind kind() { return EventKind.TRAIN_STEP_END; }
    }

    /** {@code train_epoch_end}: no fields. */
    record TrainEpochEnd() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAIN_EPOCH_END; }
    }

    /**
     * {@code eval_epoch_start}.
     *
     * @param isIntermediate true for a step-based evaluation in the middle of a training epoch
     */
    record EvalEpochStart(boolean isIntermediate) implements EventBody {
        @Override public EventKind kind() { return EventKind.EVAL_EPOCH_START; }
    }

    /** {@code eval_step_start}: no fields. */
    record EvalStepStart() implements EventBody {
        @Override public EventKind kind() { return EventKind.EVAL_STEP_START; }
    }

    /**
     * {@code eval_step_end}.
     *
     * @param values the step's loss, batch size and, when published, its predictions and targets
     */
    record EvalStepEnd(StepValues values) implements EventBody {
        /** Checks the values are there. */
        public EvalStepEnd {
            Objects.requireNonNull(values, "eval_step_end values");
        }

        @Override public EventKind kind() { return EventKind.EVAL_STEP_END; }
    }

    /**
     * {@code eval_epoch_end}.
     *
     * @param isIntermediate true for a step-based evaluation in the middle of a training epoch
     */
    record EvalEpochEnd(boolean isIntermediate) implements EventBody {
        @Override public EventKind kind() { return EventKind.EVAL_EPOCH_END; }
    }

    /** {@code training_run_epoch_end}: no fields. */
    record TrainingRunEpochEnd() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAINING_RUN_EPOCH_END; }
    }

    /** {@code training_run_end}: no fields. */
    record TrainingRunEnd() implements EventBody {
        @Override public EventKind kind() { return EventKind.TRAINING_RUN_END; }
    }

    /** {@code evaluation_run_start}: no fields. */
    record EvaluationRunStart() implements EventBody {
        @Override public EventKind kind() { return EventKind.EVALUATION_RUN_START; }
    }

    /** {@code evaluation_run_end}: no fields. */
    record EvaluationRunEnd() implements EventBody {
        @Override public EventKind kind() { return EventKind.EVALUATION_RUN_END; }
    }

    /**
     * {@code stop_training_error}.
     *
     * @param reason the stop request's message
     */
    record StopTrainingError(String reason) implements EventBody {
        /** Checks the reason is there. */
        public StopTrainingError {
            Objects.requireNonNull(reason, "stop_training_error reason");
        }

        @Override public EventKind kind() { return EventKind.STOP_TRAINING_ERROR; }
    }

    /**
     * {@code metric_update}: one value appended to the run history.
     *
     * @param name the full metric name, prefix included
     * @param value the value; NaN and infinities as they are
     */
    record MetricUpdate(String name, double value) implements EventBody {
        /** Checks the name is there. */
        public MetricUpdate {
            Objects.requireNonNull(name, "metric_update name");
        }

        @Override public EventKind kind() { return EventKind.METRIC_UPDATE; }
    }

    /**
     * {@code metric_deleted}.
     *
     * @param name the metric removed with all its values
     */
    record MetricDeleted(String name) implements EventBody {
        /** Checks the name is there. */
        public MetricDeleted {
            Objects.requireNonNull(name, "metric_deleted name");
        }

        @Override public EventKind kind() { return EventKind.METRIC_DELETED; }
    }

    /**
     * {@code metric_prefix_changed}.
     *
     * @param prefix the prefix now put before updated metric names; empty for none
     */
    record MetricPrefixChanged(String prefix) implements EventBody {
        /** Checks the prefix is there. */
        public MetricPrefixChanged {
            Objects.requireNonNull(prefix, "metric_prefix_changed prefix");
        }

        @Override public EventKind kind() { return EventKind.METRIC_PREFIX_CHANGED; }
    }

    /**
     * {@code history_reset}: every metric cleared, the epoch back to 1, the prefix kept.
     *
     * @param reason why, or null
     */
    record HistoryReset(String reason) implements EventBody {
        @Override public EventKind kind() { return EventKind.HISTORY_RESET; }
    }

    /**
     * {@code epoch_change}.
     *
     * @param epoch the new current epoch, 1-based
     * @param cause why it changed
     */
    record EpochChange(int epoch, EpochChangeCause cause) implements EventBody {
        /** Checks the epoch and the cause. */
        public EpochChange {
            Objects.requireNonNull(cause, "epoch_change cause");
            if (epoch < 1) {
                throw new IllegalArgumentException("epoch_change epoch must be >= 1, was " + epoch);
            }
        }

        @Override public EventKind kind() { return EventKind.EPOCH_CHANGE; }
    }

    /**
     * {@code run_end}, the last event of a run.
     *
     * @param status how the run ended
     * @param reason the stop or failure message, or null
     * @param epochsCompleted epochs trained to their end
     * @param globalStep optimizer updates done in the run
     */
    record RunEnd(RunEndStatus status, String reason, int epochsCompleted, long globalStep) implements EventBody {
        /** Checks the status and the counts. */
        public RunEnd {
            Objects.requireNonNull(status, "run_end status");
            if (epochsCompleted < 0 || globalStep < 0) {
                throw new IllegalArgumentException("run_end epochs_completed and global_step must be >= 0, were "
                        + epochsCompleted + " and " + globalStep);
            }
        }

        /** @return the runs index's status of a run that ended this way */
        public io.trainstream.schemas.avro.RunStatus runStatus() {
            return switch (status) {
                case COMPLETED -> io.trainstream.schemas.avro.RunStatus.COMPLETED;
                case STOPPED -> io.trainstream.schemas.avro.RunStatus.STOPPED;
                case FAILED -> io.trainstream.schemas.avro.RunStatus.FAILED;
                case INTERRUPTED -> io.trainstream.schemas.avro.RunStatus.INTERRUPTED;
                case UNKNOWN -> io.trainstream.schemas.avro.RunStatus.UNKNOWN;
            };
        }

        @Override public EventKind kind() { return EventKind.RUN_END; }
    }

    /**
     * A custom event as logged: its name and its fields in the types the log carries. (The live
     * argument callbacks receive, which may hold NDArrays, is the trainer's {@code CustomEvent}.)
     *
     * @param name the custom name, e.g. {@code verify_train_batch}; never a built-in event's name
     * @param fields by name, in order: null, Boolean, Long, Double, String or a List of Double
     */
    record Custom(String name, Map<String, Object> fields) implements EventBody {
        /** Checks the name and the field types, and copies the fields (nulls kept, order kept). */
        public Custom {
            Objects.requireNonNull(name, "custom event name");
            if (EventKind.isBuiltInName(name)) {
                throw new IllegalArgumentException("custom event name '" + name + "' is a built-in event's name");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : Objects.requireNonNull(fields, "custom event fields").entrySet()) {
                copy.put(Objects.requireNonNull(field.getKey(), "custom event field name"),
                        checkedValue(name, field.getKey(), field.getValue()));
            }
            fields = Collections.unmodifiableMap(copy);
        }

        @Override public EventKind kind() { return EventKind.CUSTOM; }

        private static Object checkedValue(String event, String key, Object value) {
            if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double
                    || value instanceof String) {
                return value;
            }
            if (value instanceof List<?> list && list.stream().allMatch(Double.class::isInstance)) {
                return List.copyOf(list);
            }
            throw new IllegalArgumentException("custom event '" + event + "' field '" + key + "' is a "
                    + value.getClass().getSimpleName() + "; the log carries null, Boolean, Long, Double, String"
                    + " or a List of Double");
        }
    }
}
