package io.trainstream.trainer.data;

import ai.djl.training.dataset.ArrayDataset;

import java.util.Objects;

/**
 * A dataset split into training and evaluation parts.
 *
 * @param train the training samples
 * @param eval the evaluation samples, or null when the evaluation fraction was 0
 * @param trainSize number of training samples
 * @param evalSize number of evaluation samples (0 without an evaluation part)
 * @param scaling the feature scaling fitted on the training samples and applied to both parts
 */
public record DatasetSplit(ArrayDataset train, ArrayDataset eval, int trainSize, int evalSize, FittedScaling scaling) {

    /** Validates. */
    public DatasetSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(scaling, "scaling");
        if (trainSize <= 0 || evalSize < 0 || (eval == null) != (evalSize == 0)) {
            throw new IllegalArgumentException("inconsistent split sizes: train " + trainSize + ", eval " + evalSize);
        }
    }
}
