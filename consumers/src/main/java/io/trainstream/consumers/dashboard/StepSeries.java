package io.trainstream.consumers.dashboard;

import java.util.Arrays;

/**
 * A bounded series of (step, loss) points that downsamples by halving: when full, every second point
 * is dropped and the stride doubles. Not thread-safe; guarded by {@link DashboardState}.
 */
final class StepSeries {

    private final long[] steps;
    private final double[] loss;
    private int size;
    private int stride = 1;

    StepSeries(int capacity) {
        steps = new long[capacity];
        loss = new double[capacity];
    }

    /**
     * Offers the point of the 1-based train step {@code step}.
     *
     * @return whether the point was kept
     */
    boolean add(long step, double value) {
        if ((step - 1) % stride != 0) {
            return false;
        }
        if (size == steps.length) {
            halve();
            if ((step - 1) % stride != 0) {
                return false;
            }
        }
        steps[size] = step;
        loss[size] = value;
        size++;
        return true;
    }

    private void halve() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            steps[kept] = steps[i];
            loss[kept] = loss[i];
            kept++;
        }
        size = kept;
        stride *= 2;
    }

    RunMetrics.StepLoss snapshot() {
        return new RunMetrics.StepLoss(Arrays.copyOf(steps, size), Arrays.copyOf(loss, size), stride, steps.length);
    }
}
