package io.trainstream.consumers.predictions;

import io.trainstream.consumers.runtime.SinkFiles;
import io.trainstream.events.StepValues;

import java.util.List;

/**
 * Turns one eval step's outputs into CSV rows. A sample's prediction is {@code predictions.size() /
 * batch_size} values (1 for a class index, more for raw multi-output regression), joined by spaces;
 * targets likewise. When the sizes do not divide by the batch size, each value is its own row.
 */
final class PredictionRows {

    private PredictionRows() {
    }

    static String header(boolean withIds, boolean withTargets) {
        return (withIds ? "sample_id," : "") + "prediction" + (withTargets ? ",target" : "") + "\n";
    }

    static String rows(StepValues step, boolean withIds, boolean withTargets) {
        List<Double> predictions = step.predictions();
        List<Double> targets = step.targets();
        List<String> ids = step.sampleIds();
        int batch = step.batchSize();
        boolean perSample = batch > 0 && predictions.size() % batch == 0
                && (targets == null || targets.size() % batch == 0);
        int rows = perSample ? batch : predictions.size();
        int predWidth = perSample ? predictions.size() / batch : 1;
        int targetWidth = targets == null ? 0 : perSample ? targets.size() / batch : 1;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            if (withIds) {
                out.append(ids != null && i < ids.size() ? SinkFiles.csvField(ids.get(i)) : "").append(',');
            }
            out.append(cells(predictions, i * predWidth, predWidth));
            if (withTargets) {
                out.append(',').append(targets == null ? "" : cells(targets, i * targetWidth, targetWidth));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cells(List<Double> values, int from, int width) {
        StringBuilder cell = new StringBuilder();
        for (int j = from; j < from + width && j < values.size(); j++) {
            if (cell.length() > 0) {
                cell.append(' ');
            }
            cell.append(SinkFiles.number(values.get(j)));
        }
        return cell.toString();
    }
}
