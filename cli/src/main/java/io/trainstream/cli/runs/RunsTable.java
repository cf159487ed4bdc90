package io.trainstream.cli.runs;

import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.history.RunHistory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders run summaries as a plain-text table with aligned columns: id, name, status, start time (UTC),
 * duration, epochs, steps, data, watched metric with its last and best value, and for each extra metric
 * asked for, its last and best value read from the run's log. User text is escaped ({@link PrintableText}).
 */
final class RunsTable {

    private static final String[] HEADER = {"RUN ID", "NAME", "STATUS", "STARTED (UTC)", "DURATION", "EPOCHS", "STEPS", "DATA",
            "METRIC", "LAST", "BEST"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunsTable() {
    }

    /**
     * @param runs the runs, in the order to print
     * @param now the current time, for the duration of running runs
     * @return the table's lines, header first
     */
    static List<String> render(List<RunSummary> runs, Instant now) {
        return render(runs, now, List.of(), Map.of());
    }

    /**
     * @param runs the runs, in the order to print
     * @param now the current time, for the duration of running runs
     * @param metrics extra metrics to show, each as a last and a best column
     * @param histories the histories rebuilt from the runs' logs, by run id (needed for {@code metrics}); with
     *     one, a run's epochs are counted from its log
     * @return the table's lines, header first
     */
    static List<String> render(List<RunSummary> runs, Instant now, List<String> metrics, Map<String, RunHistory> histories) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(HEADER));
        for (String metric : metrics) {
            String name = PrintableText.escape(metric).toUpperCase(Locale.ROOT);
            header.add(name);
            header.add(name + " BEST");
        }
        rows.add(header.toArray(String[]::new));
        for (RunSummary run : runs) {
            rows.add(row(run, now, metrics, histories.get(run.getRunId())));
        }
        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
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

    private static String[] row(RunSummary run, Instant now, List<String> metrics, RunHistory history) {
        boolean running = run.getStatus() == RunStatus.RUNNING;
        Instant end = run.getEndTime() != null ? run.getEndTime() : running ? now : null;
        List<String> cells = new ArrayList<>(List.of(
            PrintableText.escape(run.getRunId()),
            run.getRunName() == null ? "-" : PrintableText.escape(run.getRunName()),
            run.getStatus().name(),
            TIME.format(run.getStartTime()),
            end == null ? "-" : duration(Duration.between(run.getStartTime(), end)) + (running ? "+" : ""),
            Integer.toString(history != null ? epochs(history) : run.getEpochsCompleted()),
            Long.toString(run.getGlobalStep()),
            data(run.getConfig()),
            run.getWatchMetric() == null ? "-" : PrintableText.escape(run.getWatchMetric()),
            number(run.getWatchMetricLast()),
            number(run.getWatchMetricBest())));
        for (String metric : metrics) {
            List<Double> values = history == null || !history.metricNames().contains(metric) ? List.of() : history.metricValues(metric);
            cells.add(values.isEmpty() ? "-" : number(values.get(values.size() - 1)));
            cells.add(values.isEmpty() ? "-" : number(best(metric, values)));
        }
        return cells.toArray(String[]::new);
    }

    /** Epochs trained, as the log records them: one {@code train_loss_epoch} per epoch. */
    private static int epochs(RunHistory history) {
        return history.metricNames().contains("train_loss_epoch") ? history.metricValues("train_loss_epoch").size() : 0;
    }

    /** As {@code replay}: the highest for accuracy-like names (acc, f1, precision, recall, auc, score) and r2, else the lowest. */
    static double best(String metric, List<Double> values) {
        String name = metric.toLowerCase(Locale.ROOT);
        boolean higherIsBetter = name.equals("r2") || List.of("acc", "f1", "precision", "recall", "auc", "score").stream()
                .anyMatch(name::contains);
        boolean lowerIsBetter = !higherIsBetter;
        return values.stream().filter(Double::isFinite).reduce(lowerIsBetter ? Math::min : Math::max).orElse(Double.NaN);
    }

    /** The dataset: a bundled one's name, or a file's name (its directory left out for width). */
    private static String data(Map<String, String> config) {
        String file = config == null ? null : config.get("hp.data_file");
        if (file == null) {
            return "-";
        }
        if (file.isEmpty()) {
            return "digits";
        }
        Path name = Path.of(file).getFileName();
        return PrintableText.escape(name == null ? file : name.toString());
    }

    /**
     * @param duration a duration
     * @return e.g. {@code 0.8s}, {@code 42s}, {@code 3m 07s}, {@code 2h 05m}
     */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    private static String number(Double value) {
        if (value == null) {
            return "-";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
