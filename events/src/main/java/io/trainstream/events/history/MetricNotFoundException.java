package io.trainstream.events.history;

/**
 * A metric was read or deleted that has no recorded value. The message names the metric and lists
 * the metrics that do exist, which is usually enough to spot a typo or a missing eval dataset.
 */
public class MetricNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String metricName;

    /**
     * @param metricName the metric that was asked for
     * @param message what was attempted and what exists
     */
    public MetricNotFoundException(String metricName, String message) {
        super(message);
        this.metricName = metricName;
    }

    /** @return the metric that was asked for */
    public String metricName() {
        return metricName;
    }
}
