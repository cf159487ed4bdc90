package io.trainstream.consumers.dashboard;

import java.util.Map;

/**
 * A run's curves: an immutable snapshot for the charts.
 *
 * @param runId the run
 * @param lastSeq the highest seq reflected in this snapshot; a live update with a seq at or below it
 *     is already included
 * @param trainLoss the train loss per train step
 * @param metrics each metric's values per epoch, by metric name, in first-seen order
 */
public record RunMetrics(String runId, long lastSeq, StepLoss trainLoss, Map<String, MetricValues> metrics) {

    /** Copies the map. */
    public RunMetrics {
        metrics = Maps.orderedCopy(metrics);
    }

    /**
     * The train loss per step, possibly downsampled (see {@link DashboardLimits}).
     *
     * @param steps the 1-based train step index of each point (the run's n-th {@code train_step_end})
     * @param loss the loss at each point
     * @param stride only steps {@code s} with {@code (s - 1) % stride == 0} are kept
     * @param capacity points kept at most; a client adding a point to a full series first drops every
     *     second point, as the server does
     */
    public record StepLoss(long[] steps, double[] loss, int stride, int capacity) {
    }

    /**
     * One metric's values.
     *
     * @param epochs the epoch of each value
     * @param values the values (NaN and infinities are kept; the JSON API writes them as strings)
     */
    public record MetricValues(int[] epochs, double[] values) {
    }
}
