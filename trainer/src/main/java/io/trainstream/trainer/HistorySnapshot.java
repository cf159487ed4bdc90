package io.trainstream.trainer;

import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run history as stored in a training state's metadata: {@code current_epoch} (the reference's
 * only entry) plus every metric series, so a run resumed in a new process continues its history.
 */
final class HistorySnapshot {

    static final String EPOCH_KEY = "current_epoch";
    static final String METRICS_KEY = "run_history";

    private HistorySnapshot() {}

    static Map<String, Object> metadata(RunHistory history, Map<String, ?> extras) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(EPOCH_KEY, history.currentEpoch());
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        for (String name : history.metricNames()) {
            metrics.put(name, new ArrayList<>(history.metricValues(name)));
        }
        metadata.put(METRICS_KEY, metrics);
        if (extras != null) {
            metadata.putAll(extras);
        }
        return metadata;
    }

    /** Replaces the history's metrics with the saved ones, when the metadata has them. */
    static void restore(RunHistory history, Map<String, Object> metadata) {
        if (!(metadata.get(METRICS_KEY) instanceof Map<?, ?> saved)) {
            return;
        }
        String prefix = history.metricNamePrefix();
        history.reset();
        if (!prefix.isEmpty()) {
            history.setMetricNamePrefix("");
        }
        for (Map.Entry<?, ?> entry : saved.entrySet()) {
            for (Object value : (List<?>) entry.getValue()) {
                history.updateMetric(String.valueOf(entry.getKey()), toDouble(value));
            }
        }
        if (!prefix.isEmpty()) {
            history.setMetricNamePrefix(prefix);
        }
    }

    private static double toDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        // Jackson writes NaN and infinities as strings
        return Double.parseDouble(String.valueOf(value));
    }
}
