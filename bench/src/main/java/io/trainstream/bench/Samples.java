package io.trainstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements in milliseconds, and their median and spread. */
final class Samples {

    private final List<Double> millis = new ArrayList<>();

    void add(double value) {
        millis.add(value);
    }

    List<Double> values() {
        return List.copyOf(millis);
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    /** @return (max - min) / median: the relative spread */
    double spread() {
        return (max() - min()) / median();
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted;
    }
}
