package io.trainstream.consumers.dashboard;

/**
 * How much a {@link DashboardState} keeps in memory. Every limit is a hard cap, so the dashboard's
 * memory stays bounded however long it runs and however many runs it sees.
 *
 * <ul>
 *   <li>{@code maxRuns} (default 200): when a new run would exceed it, the finished run that started
 *       first is forgotten (a running run is forgotten only when every run is running).</li>
 *   <li>{@code maxStepPoints} (default 4000, even, at least 2): per run, the train-loss-per-step
 *       series. When it is full, every second point is dropped and from then on only every second
 *       step is kept (the stride doubles), so the series always spans the whole run at an even
 *       resolution. The stride is part of the API so the browser can downsample the same way.</li>
 *   <li>{@code maxMetricPoints} (default 2000): per metric, the oldest values are dropped first.</li>
 *   <li>{@code maxMetricsPerRun} (default 64): metric names beyond it are counted, not kept.</li>
 *   <li>{@code recentEvents} (default 200): per run, a ring of the latest events.</li>
 * </ul>
 *
 * @param maxRuns runs kept
 * @param maxStepPoints points kept per step-loss series
 * @param maxMetricPoints values kept per metric
 * @param maxMetricsPerRun metric names kept per run
 * @param recentEvents events kept per run
 */
public record DashboardLimits(int maxRuns, int maxStepPoints, int maxMetricPoints, int maxMetricsPerRun,
                              int recentEvents) {

    /** The defaults listed above. */
    public static final DashboardLimits DEFAULT = new DashboardLimits(200, 4000, 2000, 64, 200);

    /** Validates the limits. */
    public DashboardLimits {
        requirePositive("maxRuns", maxRuns);
        requirePositive("maxMetricPoints", maxMetricPoints);
        requirePositive("maxMetricsPerRun", maxMetricsPerRun);
        requirePositive("recentEvents", recentEvents);
        if (maxStepPoints < 2 || maxStepPoints % 2 != 0) {
            throw new IllegalArgumentException("maxStepPoints must be even and at least 2, was " + maxStepPoints);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
