package io.trainstream.cli.resume;

import io.trainstream.events.history.RunHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the history saved in a training state with the one rebuilt from the log: every saved
 * series must be the start of the logged one (the log may hold more: the epoch the crash cut short).
 */
final class HistoryCheck {

    private static final double TOLERANCE = 1e-9;

    private HistoryCheck() {
    }

    /**
     * @param saved the state's history
     * @param logged the history rebuilt from the log
     * @return one line per disagreement; empty when they agree
     */
    static List<String> mismatches(Map<String, List<Double>> saved, RunHistory logged) {
        List<String> problems = new ArrayList<>();
        saved.forEach((name, values) -> {
            List<Double> fromLog = logged.metricNames().contains(name) ? logged.metricValues(name) : List.of();
            if (fromLog.size() < values.size()) {
                problems.add(name + ": the state has " + values.size() + " value(s), the log " + fromLog.size());
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                double a = values.get(i);
                double b = fromLog.get(i);
                if (!(Double.isNaN(a) && Double.isNaN(b)) && Math.abs(a - b) > TOLERANCE) {
                    problems.add(name + "[" + i + "]: state " + a + ", log " + b);
                    return;
                }
            }
        });
        return problems;
    }
}
