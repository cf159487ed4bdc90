package io.trainstream.consumers.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's per-step train loss for the plot, in bounded memory: up to {@link #CAPACITY} steps every step
 * is kept as it was; past that, steps are grouped into buckets of a power-of-two width and each bucket
 * keeps its lowest and its highest loss (at their own step index), so the plotted curve keeps its
 * envelope, spikes included, whatever the run's length. The plot is 1,000 pixels wide, so a few
 * thousand points draw the same picture as millions. Non-finite losses count as steps but are not
 * plotted (as before). Not thread-safe.
 */
public final class StepLossSeries {

    /** Most buckets kept; a run of up to this many steps is kept step by step. */
    public static final int CAPACITY = 4096;

    // bucket b covers steps [b * width, (b + 1) * width): its lowest and highest finite loss and their steps
    private final long[] minStep = new long[CAPACITY];
    private final double[] minLoss = new double[CAPACITY];
    private final long[] maxStep = new long[CAPACITY];
    private final double[] maxLoss = new double[CAPACITY];
    private int buckets;
    private long width = 1;
    private long steps;

    /** @param loss the next train step's loss (NaN and infinities counted, not plotted) */
    public void add(double loss) {
        long step = steps++;
        int bucket = (int) (step / width);
        if (bucket == CAPACITY) {
            halve();
            bucket = (int) (step / width);
        }
        if (bucket >= buckets) {
            for (int b = buckets; b <= bucket; b++) {
                minStep[b] = -1;
                maxStep[b] = -1;
            }
            buckets = bucket + 1;
        }
        if (!Double.isFinite(loss)) {
            return;
        }
        if (minStep[bucket] < 0 || loss < minLoss[bucket]) {
            minStep[bucket] = step;
            minLoss[bucket] = loss;
        }
        if (maxStep[bucket] < 0 || loss > maxLoss[bucket]) {
            maxStep[bucket] = step;
            maxLoss[bucket] = loss;
        }
    }

    /** Merges neighbouring buckets two by two: the width doubles, half the buckets are free again. */
    private void halve() {
        for (int b = 0; b < CAPACITY / 2; b++) {
            int left = 2 * b;
            int right = left + 1;
            boolean leftMin = minStep[right] < 0 || (minStep[left] >= 0 && minLoss[left] <= minLoss[right]);
            boolean leftMax = maxStep[right] < 0 || (maxStep[left] >= 0 && maxLoss[left] >= maxLoss[right]);
            minStep[b] = leftMin ? minStep[left] : minStep[right];
            minLoss[b] = leftMin ? minLoss[left] : minLoss[right];
            maxStep[b] = leftMax ? maxStep[left] : maxStep[right];
            maxLoss[b] = leftMax ? maxLoss[left] : maxLoss[right];
        }
        buckets = CAPACITY / 2;
        width *= 2;
    }

    /** @return train steps seen, each counted once, non-finite losses included */
    public long steps() {
        return steps;
    }

    /**
     * @return the points to plot, (train step index, loss), in step order: every finite step while the
     *     run has at most {@link #CAPACITY} steps, else each bucket's lowest and highest loss
     */
    public List<double[]> points() {
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (minStep[b] < 0) {
                continue;
            }
            long first = Math.min(minStep[b], maxStep[b]);
            long second = Math.max(minStep[b], maxStep[b]);
            points.add(new double[] {first, first == minStep[b] ? minLoss[b] : maxLoss[b]});
            if (second != first) {
                points.add(new double[] {second, second == minStep[b] ? minLoss[b] : maxLoss[b]});
            }
        }
        return points;
    }
}
