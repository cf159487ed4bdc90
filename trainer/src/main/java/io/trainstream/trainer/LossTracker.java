package io.trainstream.trainer;

/**
 * The sample-weighted mean loss of one epoch: {@code Σ loss × batch size / Σ batch size}. An epoch
 * with no batches averages to NaN, as in the reference.
 */
final class LossTracker {

    private double total;
    private long count;

    void reset() {
        total = 0;
        count = 0;
    }

    void update(double meanBatchLoss, int batchSize) {
        total += meanBatchLoss * batchSize;
        count += batchSize;
    }

    double average() {
        return total / count;
    }
}
