package io.trainstream.consumers.metrics;

import io.trainstream.consumers.replay.LoggedEvents;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.trainer.history.HistoryReplay;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;

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
        return switch (event.getType()) {
            // one rebuild rule for the whole project: the trainer's own, on the converted event
            case METRIC_UPDATE, METRIC_DELETED, METRIC_PREFIX_CHANGED, HISTORY_RESET, EPOCH_CHANGE ->
                    LoggedEvents.toTrainingEvent(event).map(e -> HistoryReplay.apply(history, e)).orElse(false);
            default -> false;
        };
    }

    /** @return the history rebuilt so far (live view, not a copy) */
    public RunHistory history() {
        return history;
    }
}
