package io.trainstream.cli.resume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.trainer.checkpoint.TrainingStates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code epoch_k} training states of a run: the latest complete one (checkpoint and readable metadata
 * written; a state cut short by a crash is passed over) and the history saved in it.
 */
final class TrainingStateDirs {

    private static final Pattern EPOCH_DIR = Pattern.compile("epoch_(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingStateDirs() {
    }

    /**
     * @param runStates the run's state directory ({@code <state dir>/<run id>})
     * @return the latest complete {@code epoch_k} directory, if any
     */
    static Optional<Path> latest(Path runStates) {
        if (!Files.isDirectory(runStates)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runStates)) {
            return dirs.filter(dir -> EPOCH_DIR.matcher(dir.getFileName().toString()).matches())
                    .filter(TrainingStateDirs::complete)
                    .max(Comparator.comparingInt(TrainingStateDirs::epoch));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return k of {@code epoch_k} */
    static int epoch(Path dir) {
        Matcher m = EPOCH_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(TrainingStates.CHECKPOINT_FILE)) && metadata(dir).isPresent();
    }

    /**
     * @param dir a training-state directory
     * @return its metadata, when the file exists and parses
     */
    static Optional<Map<String, Object>> metadata(Path dir) {
        Path file = dir.resolve(TrainingStates.METADATA_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(file.toFile(), LinkedHashMap.class);
            return Optional.of(map);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param metadata a state's metadata
     * @return the history saved in it: metric name to values
     */
    static Map<String, List<Double>> savedHistory(Map<String, Object> metadata) {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        if (metadata.get("run_history") instanceof Map<?, ?> metrics) {
            metrics.forEach((name, values) -> history.put(String.valueOf(name), ((List<?>) values).stream()
                    .map(v -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v))).toList()));
        }
        return history;
    }
}
