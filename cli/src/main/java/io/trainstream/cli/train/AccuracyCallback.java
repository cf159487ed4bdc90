package io.trainstream.cli.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * Classification accuracy over each evaluation epoch: counts argmax(model output) == label per eval
 * step, and records the fraction as the {@value #METRIC} metric at eval epoch end (so it is published
 * as a metric update like every other metric).
 */
public final class AccuracyCallback implements TrainerCallback {

    /** The metric name. */
    public static final String METRIC = "accuracy";

    private long correct;
    private long total;

    /** Creates the callback. */
    public AccuracyCallback() {
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
        correct = 0;
        total = 0;
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        NDArray predicted = batchOutput.modelOutputs().head().argMax(1);
        NDArray labels = batch.getLabels().head().toType(predicted.getDataType(), false);
        correct += predicted.eq(labels).sum().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
        total += predicted.getShape().get(0);
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        if (total > 0) {
            trainer.runHistory().updateMetric(METRIC, correct / (double) total);
        }
    }
}
