package io.trainstream.consumers.predictions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainstream.consumers.runtime.AtomicFiles;
import io.trainstream.consumers.runtime.CheckpointedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One run's predictions output: its directory, the evaluation in progress (a {@code .partial} file),
 * how many evaluations each epoch had, and the last seq handled. Checkpointed to
 * {@code <run-dir>/.predictions-state.json} at each flush.
 */
final class RunPredictions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_FILE = ".predictions-state.json";

    final Path dir;
    long lastSeq = -1;
    final Map<String, Integer> evaluations = new HashMap<>();
    // the evaluation in progress, or null
    CheckpointedFile partial;
    Path target;
    boolean hasRows;
    boolean withIds;
    boolean withTargets;

    private RunPredictions(Path dir) {
        this.dir = dir;
    }

    /** Loads the checkpoint, cutting the partial file back to its checkpointed length. */
    static RunPredictions load(Path dir) {
        RunPredictions run = new RunPredictions(dir);
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) {
            return run;
        }
        try {
            JsonNode root = JSON.readTree(stateFile.toFile());
            run.lastSeq = root.path("last_seq").asLong(-1);
            root.path("evaluations").fields().forEachRemaining(e -> run.evaluations.put(e.getKey(), e.getValue().asInt()));
            JsonNode open = root.path("open");
            if (open.isObject()) {
                run.target = dir.resolve(open.get("target").asText());
                Path partialPath = partialOf(run.target);
                // a crash between the rename at epoch end and the next checkpoint: the finished file holds
                // the checkpointed bytes plus more; move it back and let the replayed events finish it again
                if (!Files.exists(partialPath) && Files.exists(run.target)) {
                    AtomicFiles.move(run.target, partialPath);
                }
                run.partial = new CheckpointedFile(partialPath, open.get("length").asLong());
                run.hasRows = open.get("has_rows").asBoolean();
                run.withIds = open.get("with_ids").asBoolean();
                run.withTargets = open.get("with_targets").asBoolean();
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("predictions state " + stateFile + " is unreadable: " + e.getMessage(), e);
        }
    }

    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("last_seq", lastSeq);
        ObjectNode evals = root.putObject("evaluations");
        evaluations.forEach(evals::put);
        if (partial != null) {
            ObjectNode open = root.putObject("open");
            open.put("target", target.getFileName().toString());
            open.put("length", partial.force());
            open.put("has_rows", hasRows);
            open.put("with_ids", withIds);
            open.put("with_targets", withTargets);
        }
        try {
            AtomicFiles.write(dir.resolve(STATE_FILE), JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the evaluation in progress, if any. */
    void discardPartial() {
        if (partial != null) {
            partial.close();
            try {
                Files.deleteIfExists(partial.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial = null;
        }
    }

    /** Closes the file handle only (shutdown). */
    void closeQuietly() {
        if (partial != null) {
            partial.close();
        }
    }
}
