package io.trainstream.events.history;

import java.util.List;
import java.util.Set;

/**
 * The metrics recorded during a run, by name, in the order they were recorded, plus the current
 * epoch (the reference's {@code RunHistory}).
 *
 * <p>Semantics: the epoch starts at 1; {@link #reset()} clears every metric and sets the epoch back to
 * 1 but keeps the prefix; the prefix applies to {@link #updateMetric} only, never to reads or
 * deletes. Unlike the reference, reads never create entries.
 *
 * <p>Not thread-safe: the trainer and its in-process callbacks use it from the training thread.
 */
public interface RunHistory {

    /** @return the names of every metric with at least one recorded value (unordered) */
    Set<String> metricNames();

    /**
     * @param name exact metric name
     * @return the recorded values in order, or an empty list for an unknown name (read-only view)
     */
    List<Double> metricValues(String name);

    /**
     * @param name exact metric name
     * @return the most recent value
     * @throws MetricNotFoundException when no value has been recorded under that name
     */
    double latestMetric(String name);

    /**
     * Appends a value under {@code prefix + name}.
     *
     * @param name metric name, before the prefix
     * @param value the value; NaN and infinities are stored as they are
     */
    void updateMetric(String name, double value);

    /**
     * Removes a metric and all its values.
     *
     * @param name exact metric name
     * @throws MetricNotFoundException when there is no such metric
     */
    void deleteMetric(String name);

    /** @return the prefix prepended by {@link #updateMetric} */
    String metricNamePrefix();

    /** @param prefix new prefix for {@link #updateMetric}; empty for none */
    void setMetricNamePrefix(String prefix);

    /** @return the 1-based number of the epoch in progress (N+1 after N completed epochs) */
    int currentEpoch();

    /** Moves to the next epoch; called by the trainer after {@code onTrainingRunEpochEnd}. */
    void incrementEpoch();

    /**
     * Sets the current epoch; used when resuming from a saved training state or replaying a log.
     *
     * @param epoch 1-based epoch
     */
    void setEpoch(int epoch);

    /** Clears every metric and sets the epoch back to 1; the prefix is kept. */
    void reset();
}
