package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.history.RunHistory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Logs the latest value of every metric: those whose name contains {@code "train"} at the end of each
 * train epoch, all others after each evaluation. By default it prints {@code name: value} lines;
 * override {@link #logMetrics} to send them elsewhere.
 */
public class LogMetricsCallback implements TrainerCallback {

    @Override
    public void onTrainEpochEnd(Trainer trainer) {
        logMetrics(trainer, latest(trainer.runHistory(), true));
    }

    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        logMetrics(trainer, latest(trainer.runHistory(), false));
    }

    /**
     * Sends metrics somewhere; the default prints each on its own line.
     *
     * @param trainer the trainer
     * @param metrics latest value of each metric, by name, in name order
     */
    protected void logMetrics(Trainer trainer, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> trainer.print("\n" + name + ": " + value));
    }

    private static Map<String, Double> latest(RunHistory history, boolean train) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String name : new TreeSet<>(history.metricNames())) {
            if (name.contains("train") == train && !history.metricValues(name).isEmpty()) {
                metrics.put(name, history.latestMetric(name));
            }
        }
        return metrics;
    }
}
