package io.trainstream.trainer;

import ai.djl.translate.Batchifier;

import java.util.Objects;

/**
 * How samples are combined into a batch (the reference's {@code collate_fn}), shared by the train
 * and eval loaders.
 *
 * @param data batchifier for the inputs
 * @param labels batchifier for the labels
 */
public record Collate(Batchifier data, Batchifier labels) {

    /** Checks both batchifiers are set. */
    public Collate {
        Objects.requireNonNull(data, "data batchifier");
        Objects.requireNonNull(labels, "labels batchifier");
    }

    /**
     * @param both batchifier used for inputs and labels
     * @return a collate that uses {@code both} for inputs and labels
     */
    public static Collate of(Batchifier both) {
        return new Collate(both, both);
    }
}
