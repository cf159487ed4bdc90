package io.trainstream.trainer.callback.builtin;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.TrainerConfigurationException;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.schedule.CheckpointingScheduler;
import io.trainstream.trainer.schedule.WsdPeriod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saves the checkpoints of a warmup–stable–decay schedule (the reference's {@code WSDCheckpointCallback})
 * at the steps its {@link CheckpointingScheduler} plans: a full training state
 * {@code checkpoint_{t}_wsd_pre_decay/} when the stable phase ends (to continue training from), and a
 * checkpoint file {@code checkpoint_{t}_wsd_post_decay.zip} when a period ends (to deploy), t being the
 * optimizer updates done. At run start it can load an initial checkpoint: a directory as a training
 * state, a file as a checkpoint.
 *
 * <p>The save directory is created at run start rather than in the constructor.
 */
public class WsdCheckpointCallback implements TrainerCallback {

    private final Path saveDir;
    private final boolean saveOptimizer;
    private final boolean saveScheduler;
    private final Path initialCheckpoint;
    private Long lastCheckpointStep;
    private List<Integer> checkpointSteps = List.of();
    private double decayFraction;

    /** Saves into {@code checkpoints}, with optimizer and scheduler state, loading nothing first. */
    public WsdCheckpointCallback() {
        this(builder());
    }

    private WsdCheckpointCallback(Builder builder) {
        this.saveDir = builder.saveDir;
        this.saveOptimizer = builder.saveOptimizer;
        this.saveScheduler = builder.saveScheduler;
        this.initialCheckpoint = builder.initialCheckpoint;
    }

    /** @return a builder with the reference's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        CheckpointingScheduler scheduler = scheduler(trainer);
        checkpointSteps = scheduler.checkpointSteps();
        decayFraction = scheduler.decayPhaseRatio();
        try {
            Files.createDirectories(saveDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + saveDir.toAbsolutePath(), e);
        }
        if (initialCheckpoint != null && Files.exists(initialCheckpoint)) {
            trainer.print("\nLoading checkpoint from " + initialCheckpoint);
            boolean isState = Files.isDirectory(initialCheckpoint);
            Map<String, Object> loaded = isState ? trainer.loadTrainingState(initialCheckpoint)
                    : trainer.loadCheckpoint(initialCheckpoint);
            lastCheckpointStep = loaded.get("step") instanceof Number n ? n.longValue() : null;
            Object type = loaded.getOrDefault("checkpoint_type", isState ? "wsd_pre_decay" : "wsd_post_decay");
            trainer.print("Loaded " + type + (isState ? " training state" : " checkpoint") + " from step "
                    + lastCheckpointStep);
        }
    }

    @Override
    public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        CheckpointingScheduler scheduler = scheduler(trainer);
        // step end comes before this batch's update: t is the number of updates done so far
        long t = scheduler.currentStep() + 1;
        if (lastCheckpointStep != null && t == lastCheckpointStep) {
            return;
        }
        WsdPeriod phase = scheduler.phaseInfo(t);
        if (t == phase.preDecayStep()) {
            trainer.print("\nWSD Lr Scheduler entering decay phase at step " + t);
            savePreDecay(trainer, t);
            lastCheckpointStep = t;
        } else if (t == phase.periodEnd()) {
            savePostDecay(trainer, t);
            lastCheckpointStep = t;
        }
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        CheckpointingScheduler scheduler = scheduler(trainer);
        long t = scheduler.currentStep() + 1;
        if ((lastCheckpointStep == null || lastCheckpointStep != t) && t == scheduler.phaseInfo(t).periodEnd()) {
            savePostDecay(trainer, t);
            lastCheckpointStep = t;
        }
    }

    /** @return the step of the last checkpoint saved or loaded, or null */
    public Long lastCheckpointStep() {
        return lastCheckpointStep;
    }

    /** @return the scheduler's checkpoint steps, as read at the last run start */
    public List<Integer> checkpointSteps() {
        return checkpointSteps;
    }

    /** @return the directory checkpoints are written to */
    public Path saveDir() {
        return saveDir;
    }

    private void savePreDecay(Trainer trainer, long step) {
        Path dir = saveDir.resolve("checkpoint_" + step + "_wsd_pre_decay");
        trainer.saveTrainingState(dir, metadata(trainer, step, "wsd_pre_decay"));
        trainer.print("\nSaved wsd_pre_decay training state at step " + step);
    }

    private void savePostDecay(Trainer trainer, long step) {
        Path file = saveDir.resolve("checkpoint_" + step + "_wsd_post_decay.zip");
        trainer.saveCheckpoint(file, metadata(trainer, step, "wsd_post_decay"), saveOptimizer, saveScheduler);
        trainer.print("\nSaved wsd_post_decay checkpoint at step " + step);
    }

    private Map<String, Object> metadata(Trainer trainer, long step, String type) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("step", step);
        metadata.put("checkpoint_type", type);
        metadata.put("total_steps", trainer.runConfig().maxNumTrainSteps());
        metadata.put("decay_fraction", decayFraction);
        metadata.put("timestamp", Instant.now().toString());
        return metadata;
    }

    private static CheckpointingScheduler scheduler(Trainer trainer) {
        if (trainer.scheduler() instanceof CheckpointingScheduler planned) {
            return planned;
        }
        throw new TrainerConfigurationException("WsdCheckpointCallback needs a scheduler that plans checkpoints "
                + "(WsdLrScheduler); the trainer's scheduler is " + (trainer.scheduler() == null ? "none"
                : trainer.scheduler().getClass().getSimpleName()));
    }

    /** Options of a {@link WsdCheckpointCallback}; defaults are the reference's. */
    public static final class Builder {
        private Path saveDir = Path.of("checkpoints");
        private boolean saveOptimizer = true;
        private boolean saveScheduler = true;
        private Path initialCheckpoint;

        private Builder() {}

        /** @param value where checkpoints are written (default {@code checkpoints}) @return this */
        public Builder saveDir(Path value) {
            saveDir = Objects.requireNonNull(value, "saveDir");
            return this;
        }

        /** @param value include optimizer state in post-decay checkpoints (default true) @return this */
        public Builder saveOptimizer(boolean value) {
            saveOptimizer = value;
            return this;
        }

        /** @param value include scheduler state in post-decay checkpoints (default true) @return this */
        public Builder saveScheduler(boolean value) {
            saveScheduler = value;
            return this;
        }

        /**
         * @param value a pre-decay training-state directory or post-decay checkpoint file to load at run
         *     start (ignored when it does not exist, as in the reference); default none
         * @return this
         */
        public Builder initialCheckpoint(Path value) {
            initialCheckpoint = value;
            return this;
        }

        /** @return the callback */
        public WsdCheckpointCallback build() {
            return new WsdCheckpointCallback(this);
        }
    }
}
