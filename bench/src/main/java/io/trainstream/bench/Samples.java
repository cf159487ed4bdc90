package io.trainstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeated measurements of one quantity (any unit), with median, quartiles and range. Not thread-safe. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int size() {
        return values.size();
    }

    List<Double> values() {
        return List.copyOf(values);
    }

    double median() {
        return quantile(0.5);
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    /** @return the q-quantile, linear interpolation between order statistics */
    double quantile(double q) {
        List<Double> sorted = sorted();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    /** @return (q3 - q1) / median: the relative interquartile range */
    double relativeIqr() {
        return (quantile(0.75) - quantile(0.25)) / median();
    }

    /** @return median, min, max, q1, q3 and every value, for the JSON */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        if (values.isEmpty()) {
            stats.put("n", 0);
            return stats;
        }
        stats.put("n", values.size());
        stats.put("median", median());
        stats.put("min", min());
        stats.put("max", max());
        stats.put("q1", quantile(0.25));
        stats.put("q3", quantile(0.75));
        stats.put("values", values());
        return stats;
    }

    /**
     * Ratios of paired measurements (subject[i] / baseline[i]), taken in the same repetition: their
     * median is less sensitive to load drifting during the run than the ratio of the two medians.
     */
    static Samples pairedRatios(Samples subject, Samples baseline) {
        Samples ratios = new Samples();
        for (int i = 0; i < Math.min(subject.size(), baseline.size()); i++) {
            ratios.add(subject.values.get(i) / baseline.values.get(i));
        }
        return ratios;
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
