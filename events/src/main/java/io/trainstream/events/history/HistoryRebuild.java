package io.trainstream.events.history;

import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;

/**
 * The one rule that rebuilds a {@link RunHistory} from a run's events, so that
 * {@code replay(log) == live history}: {@code metric_update} appends under the full name the trainer
 * recorded (its prefix already applied), {@code metric_deleted} deletes, {@code history_reset} resets
 * (epoch back to 1), {@code epoch_change} sets the epoch, {@code metric_prefix_changed} sets the prefix
 * (for reads of {@code metricNamePrefix()} only). Every other kind leaves the history alone. The
 * trainer, replay, what-if and the metrics consumer all use it.
 */
public final class HistoryRebuild {

    private HistoryRebuild() {}

    /**
     * Applies one event.
     *
     * @param history the history to change
     * @param event the run's next event
     * @return true when the event changed the history's metrics, epoch or prefix
     */
    public static boolean apply(RunHistory history, RunEvent event) {
        EventBody body = event.body();
        // a switch expression, so the compiler checks that every kind is handled
        return switch (body.kind()) {
            case HISTORY_RESET -> {
                history.reset();
                yield true;
            }
            case METRIC_UPDATE -> {
                EventBody.MetricUpdate update = (EventBody.MetricUpdate) body;
                // the recorded name already includes the prefix that was active when it was written
                String prefix = history.metricNamePrefix();
                history.setMetricNamePrefix("");
                history.updateMetric(update.name(), update.value());
                history.setMetricNamePrefix(prefix);
                yield true;
            }
            case METRIC_DELETED -> {
                // only successful deletes are logged; a log read from the middle of a run may lack the metric
                String name = ((EventBody.MetricDeleted) body).name();
                if (history.metricNames().contains(name)) {
                    history.deleteMetric(name);
                }
                yield true;
            }
            case METRIC_PREFIX_CHANGED -> {
                history.setMetricNamePrefix(((EventBody.MetricPrefixChanged) body).prefix());
                yield true;
            }
            case EPOCH_CHANGE -> {
                history.setEpoch(((EventBody.EpochChange) body).epoch());
                yield true;
            }
            case INIT_END, TRAINING_RUN_START, TRAIN_EPOCH_START, TRAIN_STEP_START, TRAIN_STEP_END, TRAIN_EPOCH_END,
                    EVAL_EPOCH_START, EVAL_STEP_START, EVAL_STEP_END, EVAL_EPOCH_END, TRAINING_RUN_EPOCH_END,
                    TRAINING_RUN_END, EVALUATION_RUN_START, EVALUATION_RUN_END, STOP_TRAINING_ERROR, RUN_START,
                    RUN_END, CUSTOM -> false;
        };
    }

    /**
     * Rebuilds a whole history.
     *
     * @param events one run's events in seq order, each once
     * @return the history they describe, in a new {@link InMemoryRunHistory}
     */
    public static RunHistory rebuild(Iterable<RunEvent> events) {
        RunHistory history = new InMemoryRunHistory();
        for (RunEvent event : events) {
            apply(history, event);
        }
        return history;
    }
}
