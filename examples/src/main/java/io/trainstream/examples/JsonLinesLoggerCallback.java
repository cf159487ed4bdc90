package io.trainstream.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.LogMetricsCallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's "custom logging callback" (an AzureML/MLflow logger) without the external service: a
 * subclass of {@link LogMetricsCallback} that records the run config when a run starts and appends
 * each batch of metrics, as the base class selects them, to a JSON-lines file.
 */
// readme:start custom-logger
public class JsonLinesLoggerCallback extends LogMetricsCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    /** @param file the JSON-lines file to append to */
    public JsonLinesLoggerCallback(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        append(Map.of("tags", trainer.runConfig().toMap()));            // mlflow.set_tags(run_config)
    }

    @Override
    protected void logMetrics(Trainer trainer, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>(metrics);           // mlflow.log_metrics(metrics)
        line.put("epoch", trainer.runHistory().currentEpoch());
        append(line);
    }

    private void append(Map<String, ?> line) {
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append metrics to " + file, e);
        }
    }
}
// readme:end
