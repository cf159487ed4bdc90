package io.trainstream.cli.replay;

import io.trainstream.consumers.replay.MetricSummary;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.schemas.text.TerminalText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The summary {@code replay} prints: status, epochs, config, and one row per metric. */
final class SummaryTable {

    private static final String[] HEADER = {"METRIC", "COUNT", "FIRST", "LAST", "BEST", "AT EPOCH"};

    private SummaryTable() {
    }

    static List<String> render(String runId, RunReplay replay, int events) {
        List<String> lines = new ArrayList<>();
        // names, config and metric names are user text from the log: escaped, so they cannot drive the terminal
        lines.add("run " + TerminalText.escape(runId) + (replay.runName() == null ? "" : " (" + TerminalText.escape(replay.runName()) + ")")
                + ": " + replay.status()
                + ", " + replay.epochsCompleted() + " epoch(s), " + events + " events");
        Map<String, String> config = new TreeMap<>();
        replay.runConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
        replay.hyperparameters().forEach((key, value) -> config.put("hp." + key, value));
        if (replay.seed() != null) {
            config.put("seed", replay.seed().toString());
        }
        lines.add("config: " + String.join(", ", config.entrySet().stream().filter(e -> !e.getValue().isEmpty()
                && !"null".equals(e.getValue())).map(e -> TerminalText.escape(e.getKey() + "=" + e.getValue())).toList()));
        lines.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (MetricSummary metric : MetricSummary.of(replay.history(), replay.epochsCompleted())) {
            rows.add(new String[] {TerminalText.escape(metric.name()), Integer.toString(metric.count()), number(metric.first()), number(metric.last()),
                number(metric.best()), metric.bestEpoch() < 0 ? "-" : metric.perEpoch() ? Integer.toString(metric.bestEpoch())
                        : "#" + metric.bestEpoch()});
        }
        lines.addAll(align(rows));
        return lines;
    }

    private static List<String> align(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        rows.forEach(row -> {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s", row[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : Double.toString(value);
    }
}
