package io.trainstream.cli.train;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * Regression quality over each evaluation epoch: the coefficient of determination {@value #R2} (1 is a
 * perfect fit, 0 is no better than predicting the mean) and the mean absolute error {@value #MAE},
 * recorded at eval epoch end as metric updates. (The mean squared error is {@code eval_loss_epoch}.)
 */
public final class RegressionMetricsCallback implements TrainerCallback {

    /** The R² metric's name. */
    public static final String R2 = "r2";
    /** The mean absolute error metric's name. */
    public static final String MAE = "mae";

    private long count;
    private double sumAbsolute;
    private double sumSquaredError;
    private double sumTarget;
    private double sumTargetSquared;

    /** Creates the callback. */
    public RegressionMetricsCallback() {
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
        count = 0;
        sumAbsolute = 0;
        sumSquaredError = 0;
        sumTarget = 0;
        sumTargetSquared = 0;
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        float[] predicted = batchOutput.modelOutputs().head().toFloatArray();
        float[] targets = batch.getLabels().head().toFloatArray();
        for (int i = 0; i < targets.length; i++) {
            double error = predicted[i] - (double) targets[i];
            sumAbsolute += Math.abs(error);
            sumSquaredError += error * error;
            sumTarget += targets[i];
            sumTargetSquared += (double) targets[i] * targets[i];
        }
        count += targets.length;
    }

    /** {@inheritDoc} */
    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        if (count == 0) {
            return;
        }
        double totalSquares = sumTargetSquared - sumTarget * sumTarget / count;
        // a constant target has no variance to explain: R² is undefined there, so it is left out
        if (totalSquares > 1e-12) {
            trainer.runHistory().updateMetric(R2, 1 - sumSquaredError / totalSquares);
        }
        trainer.runHistory().updateMetric(MAE, sumAbsolute / count);
    }
}
