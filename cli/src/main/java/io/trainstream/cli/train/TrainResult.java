package io.trainstream.cli.train;

import io.trainstream.trainer.history.RunHistory;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished training run reports.
 *
 * @param metrics the latest value of each metric, by name
 * @param epochs epochs with a {@code train_loss_epoch}
 * @param model the model, e.g. {@code 64 -> 64 -> 10 (MLP, ReLU)}
 * @param trainSize training samples
 * @param evalSize evaluation samples
 */
public record TrainResult(Map<String, Double> metrics, int epochs, String model, int trainSize, int evalSize) {

    /** Copies the metrics. */
    public TrainResult {
        metrics = Map.copyOf(metrics);
    }

    static TrainResult of(RunHistory history, String model, int trainSize, int evalSize) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        history.metricNames().stream().sorted().forEach(name -> metrics.put(name, history.latestMetric(name)));
        int epochs = history.metricNames().contains("train_loss_epoch") ? history.metricValues("train_loss_epoch").size() : 0;
        return new TrainResult(metrics, epochs, model, trainSize, evalSize);
    }

    /** @param out where to print the model, sample counts and final metrics (name order) */
    public void print(PrintWriter out) {
        out.println("model: " + model + ", " + trainSize + " training and " + evalSize + " evaluation samples");
        out.println("final metrics after " + epochs + " epoch(s):");
        new java.util.TreeMap<>(metrics).forEach((name, value) -> out.printf("  %-22s %.6f%n", name, value));
    }
}
