package io.trainstream.trainer;

import io.trainstream.events.EventBody;
import io.trainstream.schemas.avro.EpochChangeCause;
import io.trainstream.trainer.event.EventRecorder;
import io.trainstream.events.history.RunHistory;

import java.util.List;
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
            recorder.record(new EventBody.MetricUpdate(delegate.metricNamePrefix() + name, value), null);
        }
    }

    @Override
    public void deleteMetric(String name) {
        delegate.deleteMetric(name);
        recorder.record(new EventBody.MetricDeleted(name), null);
    }

    @Override
    public String metricNamePrefix() {
        return delegate.metricNamePrefix();
    }

    @Override
    public void setMetricNamePrefix(String prefix) {
        delegate.setMetricNamePrefix(prefix);
        recorder.record(new EventBody.MetricPrefixChanged(delegate.metricNamePrefix()), null);
    }

    @Override
    public int currentEpoch() {
        return delegate.currentEpoch();
    }

    @Override
    public void incrementEpoch() {
        delegate.incrementEpoch();
        recordEpoch(EpochChangeCause.INCREMENT);
    }

    @Override
    public void setEpoch(int epoch) {
        delegate.setEpoch(epoch);
        recordEpoch(EpochChangeCause.SET_ON_RESUME);
    }

    @Override
    public void reset() {
        delegate.reset();
        recorder.record(new EventBody.HistoryReset(null), null);
    }

    private void recordEpoch(EpochChangeCause cause) {
        recorder.record(new EventBody.EpochChange(delegate.currentEpoch(), cause), null);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
