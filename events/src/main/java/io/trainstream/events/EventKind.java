package io.trainstream.events;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every kind of event a run appends to its log: the callback events of the seed, the run-history
 * changes that happen without a callback event (so the log alone can rebuild the history), run start
 * and end, and custom events. On the wire each kind is the Avro {@code EventType} symbol of the same
 * name (the wire enum keeps its name: a record's full name is part of its schema fingerprint).
 */
public enum EventKind {
    /** End of trainer construction. */
    INIT_END(true),
    /** Start of a training run, after the run config and scheduler exist. */
    TRAINING_RUN_START(true),
    /** Start of a train epoch, after the model is in train mode. */
    TRAIN_EPOCH_START(true),
    /** Before a train batch's loss is computed. */
    TRAIN_STEP_START(true),
    /** After a train batch's loss is computed, before backward. */
    TRAIN_STEP_END(true),
    /** After {@code train_loss_epoch} is recorded. */
    TRAIN_EPOCH_END(true),
    /** Start of an eval epoch (intermediate or not). */
    EVAL_EPOCH_START(true),
    /** Before an eval batch's loss is computed. */
    EVAL_STEP_START(true),
    /** After an eval batch's loss is computed. */
    EVAL_STEP_END(true),
    /** After the eval loss metric is recorded. */
    EVAL_EPOCH_END(true),
    /** End of one epoch of the run (train and eval); the epoch increments after it. */
    TRAINING_RUN_EPOCH_END(true),
    /** End of a training run, also after a stop. */
    TRAINING_RUN_END(true),
    /** Start of an {@code evaluate()} run. */
    EVALUATION_RUN_START(true),
    /** End of an {@code evaluate()} run. */
    EVALUATION_RUN_END(true),
    /** A {@code StopTrainingException} was caught. */
    STOP_TRAINING_ERROR(true),
    /** A value was appended to a metric of the run history. */
    METRIC_UPDATE(false),
    /** A metric was deleted from the run history. */
    METRIC_DELETED(false),
    /** The run history's metric name prefix changed. */
    METRIC_PREFIX_CHANGED(false),
    /** The run history was cleared. */
    HISTORY_RESET(false),
    /** The run history's epoch changed (increment or resume). */
    EPOCH_CHANGE(false),
    /** A run started: its config and provenance. */
    RUN_START(false),
    /** A run ended: completed, stopped, interrupted or failed. */
    RUN_END(false),
    /** A user-defined event raised with {@code callEvent(name, ...)}. */
    CUSTOM(false);

    private static final Set<String> BUILT_IN_NAMES = new HashSet<>();

    static {
        for (EventKind kind : values()) {
            if (kind != CUSTOM) {
                BUILT_IN_NAMES.add(kind.eventName);
            }
        }
    }

    private final boolean callbackEvent;
    private final String eventName;

    EventKind(boolean callbackEvent) {
        this.callbackEvent = callbackEvent;
        this.eventName = name().toLowerCase(Locale.ROOT);
    }

    /** @return true for the events callbacks receive through {@code TrainerCallback} methods */
    public boolean isCallbackEvent() {
        return callbackEvent;
    }

    /**
     * @param name an event name
     * @return true when a kind other than {@link #CUSTOM} has that name, so a custom event may not take it
     */
    public static boolean isBuiltInName(String name) {
        return BUILT_IN_NAMES.contains(name);
    }

    /** @return the seed's event name without {@code on_}, e.g. {@code train_epoch_end} */
    public String eventName() {
        return eventName;
    }
}
