package io.trainstream.events.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A {@link RunHistory} held in memory: a map from metric name to its values, and an epoch counter. */
public class InMemoryRunHistory implements RunHistory {

    private final Map<String, List<Double>> metrics = new LinkedHashMap<>();
    private String prefix = "";
    private int epoch = 1;

    @Override
    public Set<String> metricNames() {
        return Collections.unmodifiableSet(metrics.keySet());
    }

    @Override
    public List<Double> metricValues(String name) {
        List<Double> values = metrics.get(name);
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    @Override
    public double latestMetric(String name) {
        List<Double> values = metrics.get(name);
        if (values == null || values.isEmpty()) {
            throw new MetricNotFoundException(name, "No values have been recorded for the metric '" + name
                    + "'; recorded metrics: " + metrics.keySet());
        }
        return values.get(values.size() - 1);
    }

    @Override
    public void updateMetric(String name, double value) {
        Objects.requireNonNull(name, "metric name");
        metrics.computeIfAbsent(prefix + name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void deleteMetric(String name) {
        if (metrics.remove(name) == null) {
            throw new MetricNotFoundException(name, "Cannot delete metric '" + name
                    + "': it does not exist; recorded metrics: " + metrics.keySet());
        }
    }

    @Override
    public String metricNamePrefix() {
        return prefix;
    }

    @Override
    public void setMetricNamePrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public int currentEpoch() {
        return epoch;
    }

    @Override
    public void incrementEpoch() {
        epoch++;
    }

    @Override
    public void setEpoch(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, was " + epoch);
        }
        this.epoch = epoch;
    }

    @Override
    public void reset() {
        metrics.clear();
        epoch = 1;
    }

    @Override
    public String toString() {
        return "RunHistory{epoch=" + epoch + ", metrics=" + metrics + "}";
    }
}
