package io.trainstream.trainer;

import io.trainstream.trainer.event.EventRecorder;
import io.trainstream.trainer.event.EventType;
import io.trainstream.events.history.RunHistory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wraps the user's {@link RunHistory} so that every change is also appended to the run's event log:
 * metric updates and deletes, prefix switches, resets and epoch changes. With these, the log alone
 * rebuilds the history.
 */
final class RecordingRunHistory implements RunHistory {

    private final RunHistory delegate;
    private final EventRecorder recorder;

    RecordingRunHistory(RunHistory delegate, EventRecorder recorder) {
        this.delegate = delegate;
        this.recorder = recorder;
    }

    RunHistory delegate() {
        return delegate;
    }

    @Override
    public Set<String> metricNames() {
        return delegate.metricNames();
    }

    @Override
    public List<Double> metricValues(String name) {
        return delegate.metricValues(name);
    }

    @Override
    public double latestMetric(String name) {
        return delegate.latestMetric(name);
    }

    @Override
    public void updateMetric(String name, double value) {
        delegate.updateMetric(name, value);
        if (recorder.isActive()) {
            recorder.record(EventType.METRIC_UPDATE, EventType.METRIC_UPDATE.eventName(), null,
                    Map.of("name", delegate.metricNamePrefix() + name, "value", value));
        }
    }

    @Override
    public void deleteMetric(String name) {
        delegate.deleteMetric(name);
        recorder.record(EventType.METRIC_DELETED, EventType.METRIC_DELETED.eventName(), null, Map.of("name", name));
    }

    @Override
    public String metricNamePrefix() {
        return delegate.metricNamePrefix();
    }

    @Override
    public void setMetricNamePrefix(String prefix) {
        delegate.setMetricNamePrefix(prefix);
        recorder.record(EventType.METRIC_PREFIX_CHANGED, EventType.METRIC_PREFIX_CHANGED.eventName(), null,
                Map.of("prefix", delegate.metricNamePrefix()));
    }

    @Override
    public int currentEpoch() {
        return delegate.currentEpoch();
    }

    @Override
    public void incrementEpoch() {
        delegate.incrementEpoch();
        recordEpoch("INCREMENT");
    }

    @Override
    public void setEpoch(int epoch) {
        delegate.setEpoch(epoch);
        recordEpoch("SET_ON_RESUME");
    }

    @Override
    public void reset() {
        delegate.reset();
        recorder.record(EventType.HISTORY_RESET, EventType.HISTORY_RESET.eventName(), null, Map.of());
    }

    private void recordEpoch(String cause) {
        recorder.record(EventType.EPOCH_CHANGE, EventType.EPOCH_CHANGE.eventName(), null,
                Map.of("epoch", (long) delegate.currentEpoch(), "cause", cause));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
