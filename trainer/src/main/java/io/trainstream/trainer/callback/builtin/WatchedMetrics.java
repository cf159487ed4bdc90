package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.events.history.MetricNotFoundException;
import io.trainstream.events.history.RunHistory;

/** Reads a watched metric, failing with a message that names the metric and the callback. */
final class WatchedMetrics {

    private WatchedMetrics() {}

    static double latest(Trainer trainer, String metric, Class<?> watcher) {
        RunHistory history = trainer.runHistory();
        if (history.metricValues(metric).isEmpty()) {
            throw new MetricNotFoundException(metric, watcher.getSimpleName() + " watches the metric '" + metric
                    + "', but it was never recorded (recorded metrics: " + history.metricNames()
                    + "). Pass an eval dataset, or watch a metric that is recorded, e.g. 'train_loss_epoch'.");
        }
        return history.latestMetric(metric);
    }
}
