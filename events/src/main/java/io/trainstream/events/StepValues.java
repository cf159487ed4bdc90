package io.trainstream.events;

import java.util.List;

/**
 * What a step-end event records about its batch.
 *
 * @param loss the batch's mean loss, unscaled: never divided by the gradient accumulation steps
 *     ({@code train_loss_epoch} averages these)
 * @param callbackLoss the loss callbacks saw in their {@code StepOutput}: {@code loss / N} for a train
 *     step with gradient accumulation N, else equal to {@code loss}; null only in v1 records
 * @param batchSize samples in the batch
 * @param predictions flattened model outputs when the trainer publishes eval outputs, else null
 * @param targets flattened labels when published, else null
 * @param sampleIds the samples' ids when known, else null
 */
public record StepValues(double loss, Double callbackLoss, int batchSize, List<Double> predictions,
        List<Double> targets, List<String> sampleIds) {

    /** Checks the batch size and copies the lists. */
    public StepValues {
        if (batchSize < 0) {
            throw new IllegalArgumentException("step end batch_size must be >= 0, was " + batchSize);
        }
        predictions = predictions == null ? null : List.copyOf(predictions);
        targets = targets == null ? null : List.copyOf(targets);
        sampleIds = sampleIds == null ? null : List.copyOf(sampleIds);
    }

    /**
     * @param loss the unscaled loss
     * @param callbackLoss the loss callbacks saw
     * @param batchSize samples in the batch
     * @return values without eval outputs
     */
    public static StepValues of(double loss, double callbackLoss, int batchSize) {
        return new StepValues(loss, callbackLoss, batchSize, null, null, null);
    }
}
