package io.trainstream.consumers.metrics;

import io.trainstream.schemas.avro.EpochChange;
import io.trainstream.schemas.avro.MetricDeleted;
import io.trainstream.schemas.avro.MetricPrefixChanged;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.history.InMemoryRunHistory;
import io.trainstream.trainer.history.RunHistory;

import java.util.Objects;

/**
 * Rebuilds a run's {@link RunHistory} from its events, so that replay(log) equals the live history:
 * {@code metric_update} appends under the full name the trainer recorded (its prefix already applied),
 * {@code metric_deleted} deletes, {@code history_reset} resets (epoch back to 1), {@code epoch_change}
 * sets the epoch, {@code metric_prefix_changed} sets the prefix (for reads of {@code metricNamePrefix()}
 * only). Other events leave the history alone.
 *
 * <p>Feed it one run's events in seq order, each once. Not thread-safe.
 */
public final class HistoryRebuilder {

    private final RunHistory history;

    /** Rebuilds into a new {@link InMemoryRunHistory}. */
    public HistoryRebuilder() {
        this(new InMemoryRunHistory());
    }

    /** @param target the history to rebuild into (normally empty) */
    public HistoryRebuilder(RunHistory target) {
        this.history = Objects.requireNonNull(target, "target");
    }

    /**
     * Rebuilds a whole history.
     *
     * @param events one run's events in seq order
     * @return the history they describe
     */
    public static RunHistory rebuild(Iterable<TrainerEvent> events) {
        HistoryRebuilder rebuilder = new HistoryRebuilder();
        events.forEach(rebuilder::apply);
        return rebuilder.history();
    }

    /**
     * Applies one event.
     *
     * @param event the next event of the run
     * @return true when the history's metrics, epoch or prefix changed
     */
    public boolean apply(TrainerEvent event) {
        switch (event.getType()) {
            case METRIC_UPDATE -> {
                MetricUpdate update = (MetricUpdate) event.getPayload();
                // the name already carries the prefix the trainer had: append it as is
                String prefix = history.metricNamePrefix();
                history.setMetricNamePrefix("");
                history.updateMetric(update.getName(), update.getValue());
                history.setMetricNamePrefix(prefix);
                return true;
            }
            case METRIC_DELETED -> {
                String name = ((MetricDeleted) event.getPayload()).getName();
                // the trainer only publishes deletes that succeeded; a log read from the middle may lack the metric
                if (history.metricNames().contains(name)) {
                    history.deleteMetric(name);
                    return true;
                }
                return false;
            }
            case METRIC_PREFIX_CHANGED -> {
                history.setMetricNamePrefix(((MetricPrefixChanged) event.getPayload()).getPrefix());
                return true;
            }
            case HISTORY_RESET -> {
                history.reset();
                return true;
            }
            case EPOCH_CHANGE -> {
                history.setEpoch(((EpochChange) event.getPayload()).getEpoch());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** @return the history rebuilt so far (live view, not a copy) */
    public RunHistory history() {
        return history;
    }
}
