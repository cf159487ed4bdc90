package io.trainstream.consumers.dashboard;

/**
 * A bounded series of (epoch, value) pairs that drops its oldest value when full (a ring).
 * Not thread-safe; guarded by {@link DashboardState}.
 */
final class MetricSeries {

    private final int[] epochs;
    private final double[] values;
    private int start;
    private int size;

    MetricSeries(int capacity) {
        epochs = new int[capacity];
        values = new double[capacity];
    }

    void add(int epoch, double value) {
        int at = (start + size) % epochs.length;
        epochs[at] = epoch;
        values[at] = value;
        if (size < epochs.length) {
            size++;
        } else {
            start = (start + 1) % epochs.length;
        }
    }

    RunMetrics.MetricValues snapshot() {
        int[] e = new int[size];
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            int at = (start + i) % epochs.length;
            e[i] = epochs[at];
            v[i] = values[at];
        }
        return new RunMetrics.MetricValues(e, v);
    }
}
