package io.trainstream.cli.runs;

import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders run summaries as a plain-text table with aligned columns: id, name, status, start time (UTC),
 * duration, epochs, watched metric, its last and best value.
 */
final class RunsTable {

    private static final String[] HEADER = {"RUN ID", "NAME", "STATUS", "STARTED (UTC)", "DURATION", "EPOCHS", "METRIC",
            "LAST", "BEST"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunsTable() {
    }

    /**
     * @param runs the runs, in the order to print
     * @param now the current time, for the duration of running runs
     * @return the table's lines, header first
     */
    static List<String> render(List<RunSummary> runs, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunSummary run : runs) {
            rows.add(row(run, now));
        }
        int[] widths = new int[HEADER.length];
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

    private static String[] row(RunSummary run, Instant now) {
        boolean running = run.getStatus() == RunStatus.RUNNING;
        Instant end = run.getEndTime() != null ? run.getEndTime() : running ? now : null;
        return new String[] {
            run.getRunId(),
            run.getRunName() == null ? "-" : run.getRunName(),
            run.getStatus().name(),
            TIME.format(run.getStartTime()),
            end == null ? "-" : duration(Duration.between(run.getStartTime(), end)) + (running ? "+" : ""),
            Integer.toString(run.getEpochsCompleted()),
            run.getWatchMetric() == null ? "-" : run.getWatchMetric(),
            number(run.getWatchMetricLast()),
            number(run.getWatchMetricBest()),
        };
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
