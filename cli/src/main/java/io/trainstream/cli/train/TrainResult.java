package io.trainstream.cli.train;

import io.trainstream.events.history.RunHistory;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a finished training run reports.
 *
 * @param metrics each metric's value for the final model, by name: the latest, or with best-model saving
 *     the values of the epoch whose model was restored
 * @param epochs epochs trained (with a {@code train_loss_epoch})
 * @param model the model, e.g. {@code 64 -> 64 -> 10 (MLP, ReLU)}
 * @param trainSize training samples
 * @param evalSize evaluation samples
 * @param restoredEpoch the 1-based epoch whose weights were restored at the end, or 0 when the last epoch's are kept
 */
public record TrainResult(Map<String, Double> metrics, int epochs, String model, int trainSize, int evalSize, int restoredEpoch) {

    /** Copies the metrics. */
    public TrainResult {
        metrics = Map.copyOf(metrics);
    }

    /**
     * @param history the finished run's history
     * @param model the model's description
     * @param trainSize training samples
     * @param evalSize evaluation samples
     * @param bestMetric the metric best-model saving watched (lower is better), or null without it
     * @return the result; with {@code bestMetric}, the per-epoch metrics are taken at its best epoch, the one
     *     whose weights were loaded back
     */
    static TrainResult of(RunHistory history, String model, int trainSize, int evalSize, String bestMetric) {
        int epochs = history.metricNames().contains("train_loss_epoch") ? history.metricValues("train_loss_epoch").size() : 0;
        int best = bestMetric != null && history.metricNames().contains(bestMetric) ? bestIndex(history.metricValues(bestMetric)) : -1;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String name : history.metricNames().stream().sorted().toList()) {
            List<Double> values = history.metricValues(name);
            // a metric recorded once per epoch is read at the restored epoch; anything else keeps its latest value
            boolean perEpoch = best >= 0 && values.size() == history.metricValues(bestMetric).size();
            metrics.put(name, perEpoch ? values.get(best) : history.latestMetric(name));
        }
        return new TrainResult(metrics, epochs, model, trainSize, evalSize, best + 1);
    }

    /** The first lowest value, as best-model saving keeps the first checkpoint that improved. */
    private static int bestIndex(List<Double> values) {
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            if (Double.isFinite(values.get(i)) && (best < 0 || values.get(i) < values.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** @param out where to print the model, sample counts and final metrics (name order) */
    public void print(PrintWriter out) {
        out.println("model: " + model + ", " + trainSize + " training and " + evalSize + " evaluation samples");
        out.println(restoredEpoch > 0
                ? "final metrics of the restored best model (epoch " + restoredEpoch + " of " + epochs + " trained):"
                : "final metrics after " + epochs + " epoch(s):");
        new TreeMap<>(metrics).forEach((name, value) -> out.printf("  %-22s %.6f%n", name, value));
    }
}
