package io.trainstream.cli.predict;

import io.trainstream.trainer.data.FeatureTable;
import io.trainstream.trainer.data.Task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** When the rows predicted for carry their labels: accuracy (classification), or MAE and R² (regression). */
final class PredictionQuality {

    private PredictionQuality() {
    }

    /**
     * @return e.g. {@code accuracy 0.9667 on 150 labelled rows}, or empty without labels (or with labels that
     *     are not numbers, for regression)
     */
    static Optional<String> describe(SavedModel metadata, FeatureTable table, Predictions.Prediction[] predictions) {
        List<String> labels = table.labels();
        if (labels == null || labels.isEmpty()) {
            return Optional.empty();
        }
        if (metadata.task() == Task.CLASSIFICATION) {
            int correct = 0;
            for (int i = 0; i < predictions.length; i++) {
                correct += metadata.classes().get((int) predictions[i].value()).equals(labels.get(i)) ? 1 : 0;
            }
            return Optional.of(String.format(Locale.ROOT, "accuracy %.4f on %d labelled rows", correct / (double) labels.size(),
                    labels.size()));
        }
        double sumAbs = 0;
        double sumSq = 0;
        double sum = 0;
        double sumY2 = 0;
        for (int i = 0; i < predictions.length; i++) {
            double y;
            try {
                y = Double.parseDouble(labels.get(i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            double error = predictions[i].value() - y;
            sumAbs += Math.abs(error);
            sumSq += error * error;
            sum += y;
            sumY2 += y * y;
        }
        int n = labels.size();
        double total = sumY2 - sum * sum / n;
        String r2 = total > 1e-12 ? String.format(Locale.ROOT, ", r2 %.4f", 1 - sumSq / total) : "";
        return Optional.of(String.format(Locale.ROOT, "mae %.4f%s on %d labelled rows", sumAbs / n, r2, n));
    }
}
