package io.trainstream.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * The seed's {@code ClassificationMetricsCallback}: counts correct predictions at each eval step and
 * records {@code accuracy} in the run history at the end of each eval epoch. It keeps plain counters,
 * so there is nothing to move to the trainer's device.
 */
// readme:start accuracy-callback
public class AccuracyCallback implements TrainerCallback {
    private long correct;
    private long total;

    @Override
    public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
        NDArray predicted = output.modelOutputs().head().argMax(1).toType(DataType.FLOAT32, false);
        NDArray labels = batch.getLabels().head();
        correct += predicted.eq(labels).sum().getLong();
        total += labels.size();
    }

    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        trainer.runHistory().updateMetric("accuracy", correct / (double) total);
        correct = 0;
        total = 0;
    }
}
// readme:end
