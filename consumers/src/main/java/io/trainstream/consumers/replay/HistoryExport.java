package io.trainstream.consumers.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trainstream.events.history.RunHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a run history as CSV ({@code metric,index,value}, one row per recorded value, metrics in name
 * order) or JSON ({@code {"current_epoch": n, "metrics": {name: [values]}}}); NaN and infinities are
 * written as {@code NaN}, {@code Infinity}, {@code -Infinity} (strings in JSON).
 */
public final class HistoryExport {

    private HistoryExport() {}

    /**
     * @param history the history
     * @param file the CSV file to write
     */
    public static void writeCsv(RunHistory history, Path file) {
        try (Writer out = Files.newBufferedWriter(createParent(file))) {
            out.write("metric,index,value\n");
            for (String name : new TreeSet<>(history.metricNames())) {
                List<Double> values = history.metricValues(name);
                for (int i = 0; i < values.size(); i++) {
                    out.write(csvField(name) + "," + i + "," + values.get(i) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }

    /**
     * @param history the history
     * @param file the JSON file to write
     */
    public static void writeJson(RunHistory history, Path file) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String name : new TreeSet<>(history.metricNames())) {
            metrics.put(name, history.metricValues(name).stream().map(HistoryExport::jsonValue).toList());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("current_epoch", history.currentEpoch());
        document.put("metrics", metrics);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(createParent(file).toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }

    private static Object jsonValue(double value) {
        return Double.isFinite(value) ? value : String.valueOf(value);
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Path createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
