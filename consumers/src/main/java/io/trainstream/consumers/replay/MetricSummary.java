package io.trainstream.consumers.replay;

import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One metric of a replayed run in a few numbers: how many values, the first, the last, the best and
 * the epoch of the best. Best is the highest value for metrics whose name says higher is better
 * (accuracy, f1, precision, recall, auc, score), else the lowest; NaN never is the best.
 *
 * @param name the metric
 * @param count values recorded
 * @param first the first value
 * @param last the last value
 * @param best the best value, NaN when every value is NaN
 * @param bestEpoch the epoch of the best value when the metric has one value per epoch, else its
 *     1-based position; -1 when there is no best
 * @param perEpoch whether the metric has one value per completed epoch
 */
public record MetricSummary(String name, int count, double first, double last, double best, int bestEpoch, boolean perEpoch) {

    /**
     * @param history a run history
     * @param epochs epochs the run completed
     * @return one summary per metric, in name order (metrics without values left out)
     */
    public static List<MetricSummary> of(RunHistory history, int epochs) {
        List<MetricSummary> summaries = new ArrayList<>();
        for (String name : new TreeSet<>(history.metricNames())) {
            List<Double> values = history.metricValues(name);
            if (values.isEmpty()) {
                continue;
            }
            boolean higher = higherIsBetter(name);
            int best = -1;
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                if (!Double.isNaN(v) && (best < 0 || (higher ? v > values.get(best) : v < values.get(best)))) {
                    best = i;
                }
            }
            boolean perEpoch = values.size() == epochs;
            summaries.add(new MetricSummary(name, values.size(), values.get(0), values.get(values.size() - 1),
                    best < 0 ? Double.NaN : values.get(best), best < 0 ? -1 : best + 1, perEpoch));
        }
        return summaries;
    }

    /**
     * @param name a metric name
     * @return true when the name says higher values are better
     */
    public static boolean higherIsBetter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("acc") || lower.contains("f1") || lower.contains("precision") || lower.contains("recall")
                || lower.contains("auc") || lower.contains("score");
    }
}
