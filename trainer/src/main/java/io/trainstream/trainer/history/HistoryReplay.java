package io.trainstream.trainer.history;

import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.event.TrainingEvent;

import java.util.Map;

/**
 * Applies the history changes recorded in an event log to a {@link RunHistory}, so that
 * {@code replay(log) == live history}: metric updates (names already carry their prefix), deletes,
 * prefix switches, resets and epoch changes. Other events leave the history alone.
 */
public final class HistoryReplay {

    private HistoryReplay() {}

    /**
     * @param history the history to change
     * @param event a recorded event
     * @return true when the event was a history change
     */
    public static boolean apply(RunHistory history, TrainingEvent event) {
        Map<String, Object> payload = event.payload();
        switch (event.type()) {
            case HISTORY_RESET -> history.reset();
            case METRIC_UPDATE -> {
                // the recorded name already includes the prefix that was active when it was written
                String prefix = history.metricNamePrefix();
                history.setMetricNamePrefix("");
                history.updateMetric((String) payload.get("name"), ((Number) payload.get("value")).doubleValue());
                history.setMetricNamePrefix(prefix);
            }
            case METRIC_DELETED -> {
                // only successful deletes are logged; a log read from the middle of a run may lack the metric
                String name = (String) payload.get("name");
                if (history.metricNames().contains(name)) {
                    history.deleteMetric(name);
                }
            }
            case METRIC_PREFIX_CHANGED -> history.setMetricNamePrefix((String) payload.get("prefix"));
            case EPOCH_CHANGE -> history.setEpoch(((Number) payload.get("epoch")).intValue());
            default -> {
                return false;
            }
        }
        return true;
    }
}
