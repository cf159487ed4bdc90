package io.trainstream.cli.predict;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.trainstream.trainer.data.Task;

import java.util.Arrays;

/**
 * Runs a saved model over packed, already scaled feature rows, in batches, and returns one prediction per
 * row: the class index and its softmax probability, or the regression value.
 */
final class Predictions {

    private static final int BATCH = 4096;

    /**
     * @param value the class index (classification) or the predicted value (regression)
     * @param probability the predicted class's probability, NaN for regression
     */
    record Prediction(double value, double probability) {
    }

    private Predictions() {
    }

    static Prediction[] run(Model model, SavedModel metadata, float[] rows) {
        int width = metadata.features().size();
        int n = rows.length / width;
        Prediction[] out = new Prediction[n];
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            for (int start = 0; start < n; start += BATCH) {
                int size = Math.min(BATCH, n - start);
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.create(Arrays.copyOfRange(rows, start * width, (start + size) * width), new Shape(size, width));
                    NDArray y = predictor.predict(new NDList(x)).singletonOrThrow();
                    fill(out, start, size, metadata.task(), y);
                }
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void fill(Prediction[] out, int start, int size, Task task, NDArray y) {
        if (task == Task.REGRESSION) {
            float[] values = y.reshape(size).toFloatArray();
            for (int i = 0; i < size; i++) {
                out[start + i] = new Prediction(values[i], Double.NaN);
            }
            return;
        }
        NDArray probabilities = y.softmax(1);
        long[] classes = probabilities.argMax(1).toLongArray();
        float[] best = probabilities.max(new int[] {1}).toFloatArray();
        for (int i = 0; i < size; i++) {
            out[start + i] = new Prediction(classes[i], best[i]);
        }
    }
}
