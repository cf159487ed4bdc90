package io.trainstream.trainer.checkpoint;

import ai.djl.Model;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.core.type.TypeReference;
import io.trainstream.trainer.schedule.LrScheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resumable training state: a directory holding a full checkpoint (weights, optimizer, scheduler)
 * and {@code trainer_metadata.json} with the history's current epoch and any extra entries.
 *
 * <p>Data order needs no saved random state: shuffling is seeded per epoch. The engine's own random
 * state (dropout masks) cannot be read through DJL and is not saved.
 */
public final class TrainingStates {

    /** Name of the checkpoint file inside a training-state directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.zip";
    /** Name of the metadata file inside a training-state directory. */
    public static final String METADATA_FILE = "trainer_metadata.json";

    private TrainingStates() {}

    /**
     * @param dir the directory to write (created if missing)
     * @param model the model
     * @param optimizer the optimizer, or null
     * @param scheduler the scheduler, or null
     * @param metadata {@code current_epoch} and extra entries
     * @throws CheckpointException naming the directory when it cannot be written
     */
    public static void save(Path dir, Model model, Optimizer optimizer, LrScheduler scheduler,
            Map<String, ?> metadata) {
        try {
            Files.createDirectories(dir);
            Checkpoints.save(dir.resolve(CHECKPOINT_FILE), model, optimizer, scheduler, Map.of());
            Files.write(dir.resolve(METADATA_FILE), Checkpoints.json().writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new CheckpointException("cannot write training state " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * @param dir a directory written by {@link #save}
     * @param model receives the weights
     * @param optimizer receives the optimizer state when present, or null
     * @param scheduler receives the scheduler state when present, or null
     * @return the metadata (empty when the metadata file is missing)
     * @throws CheckpointException when the directory or its checkpoint is missing or corrupt
     */
    public static Map<String, Object> load(Path dir, Model model, Optimizer optimizer, LrScheduler scheduler) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("training state directory not found: " + dir.toAbsolutePath());
        }
        Checkpoints.load(dir.resolve(CHECKPOINT_FILE), model, optimizer, scheduler, optimizer != null,
                scheduler != null);
        Path metadata = dir.resolve(METADATA_FILE);
        if (!Files.exists(metadata)) {
            return new LinkedHashMap<>();
        }
        try {
            return Checkpoints.json().readValue(Files.readAllBytes(metadata), new TypeReference<>() {});
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + metadata.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
