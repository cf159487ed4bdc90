package io.trainstream.trainer.callback.builtin;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.history.RunHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Saves resumable training states: every {@code n} epochs ({@code epoch_k}), every {@code n} train
 * batches ({@code step_k}, counted across the run, saved at step end before backward as in the
 * reference) and at the end of the run ({@code final}); keeps at most {@code maxCheckpoints}, deleting
 * the oldest.
 *
 * <p>Deliberate change: epoch states are saved once the whole epoch is done (train, eval and the
 * callbacks before this one, at {@code onTrainingRunEpochEnd}) and record the next epoch as
 * {@code current_epoch}, so resuming from {@code epoch_k} continues with epoch k+1 instead of training
 * epoch k twice.
 */
public class SaveTrainingStateCallback implements TrainerCallback, ResumableCallback {

    private final Path saveDir;
    private final Integer saveEveryNEpochs;
    private final Integer saveEveryNSteps;
    private final boolean saveAtEnd;
    private final Integer maxCheckpoints;
    private final Deque<Path> saved = new ArrayDeque<>();
    private long batchesSeen;

    /** Saves only at the end of the run, into {@code training_states}. */
    public SaveTrainingStateCallback() {
        this(builder());
    }

    private SaveTrainingStateCallback(Builder builder) {
        this(builder.saveDir, builder.saveEveryNEpochs, builder.saveEveryNSteps, builder.saveAtEnd, builder.maxCheckpoints);
    }

    /** @return a builder with the reference's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param saveDir parent directory of the saved states
     * @param saveEveryNEpochs save every n epochs, or null
     * @param saveEveryNSteps save every n train batches, or null
     * @param saveAtEnd save {@code final} at the end of the run
     * @param maxCheckpoints keep at most this many states, or null for all
     * @deprecated positional nullable options are easy to mix up; use {@link #builder()}
     */
    @Deprecated
    public SaveTrainingStateCallback(Path saveDir, Integer saveEveryNEpochs, Integer saveEveryNSteps, boolean saveAtEnd,
            Integer maxCheckpoints) {
        this.saveDir = java.util.Objects.requireNonNull(saveDir, "saveDir");
        this.saveEveryNEpochs = positiveOrNull(saveEveryNEpochs, "saveEveryNEpochs");
        this.saveEveryNSteps = positiveOrNull(saveEveryNSteps, "saveEveryNSteps");
        this.saveAtEnd = saveAtEnd;
        this.maxCheckpoints = positiveOrNull(maxCheckpoints, "maxCheckpoints");
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        try {
            Files.createDirectories(saveDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create training-state directory " + saveDir.toAbsolutePath(), e);
        }
        batchesSeen = 0;
    }

    @Override
    public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        batchesSeen++;
        if (saveEveryNSteps != null && batchesSeen % saveEveryNSteps == 0) {
            save(trainer, "step_" + batchesSeen, trainer.runHistory().currentEpoch());
        }
    }

    @Override
    public void onTrainingRunEpochEnd(Trainer trainer) {
        int epoch = trainer.runHistory().currentEpoch();
        if (saveEveryNEpochs != null && epoch % saveEveryNEpochs == 0) {
            save(trainer, "epoch_" + epoch, epoch + 1);
        }
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        if (saveAtEnd) {
            save(trainer, "final", trainer.runHistory().currentEpoch());
        }
    }

    /** Continues counting train batches from where the run was saved. */
    @Override
    public void resumeFrom(RunHistory history, ResumePoint point) {
        batchesSeen = point.trainBatchesSeen();
    }

    /** @return the states saved and not yet deleted, oldest first */
    public java.util.List<Path> savedStates() {
        return java.util.List.copyOf(saved);
    }

    private void save(Trainer trainer, String name, int resumeEpoch) {
        Path dir = saveDir.resolve(name);
        trainer.saveTrainingState(dir, Map.of("global_step", batchesSeen, "current_epoch", resumeEpoch,
                "updates_completed", trainer.globalStep()));
        trainer.print("\nSaved training state to " + dir);
        saved.remove(dir);
        saved.addLast(dir);
        while (maxCheckpoints != null && saved.size() > maxCheckpoints) {
            Path oldest = saved.removeFirst();
            deleteRecursively(oldest);
            trainer.print("Removed old training state: " + oldest);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old training state " + dir.toAbsolutePath(), e);
        }
    }

    private static Integer positiveOrNull(Integer value, String name) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 or null, was " + value);
        }
        return value;
    }

    /**
     * Options of a {@link SaveTrainingStateCallback}, defaulting to the reference's: directory
     * {@code training_states}, no periodic saves, a {@code final} save at the end, keep every state.
     */
    public static final class Builder {
        private Path saveDir = Path.of("training_states");
        private Integer saveEveryNEpochs;
        private Integer saveEveryNSteps;
        private boolean saveAtEnd = true;
        private Integer maxCheckpoints;

        private Builder() {}

        /** @param value parent directory of the saved states @return this */
        public Builder saveDir(Path value) {
            saveDir = value;
            return this;
        }

        /** @param value save {@code epoch_k} every n epochs (default never) @return this */
        public Builder saveEveryNEpochs(int value) {
            saveEveryNEpochs = value;
            return this;
        }

        /** @param value save {@code step_k} every n train batches (default never) @return this */
        public Builder saveEveryNSteps(int value) {
            saveEveryNSteps = value;
            return this;
        }

        /** @param value save {@code final} at the end of the run (default true) @return this */
        public Builder saveAtEnd(boolean value) {
            saveAtEnd = value;
            return this;
        }

        /** @param value keep at most this many states, deleting the oldest (default all) @return this */
        public Builder maxCheckpoints(int value) {
            maxCheckpoints = value;
            return this;
        }

        /** @return the callback; bad values fail with a message naming them */
        public SaveTrainingStateCallback build() {
            return new SaveTrainingStateCallback(this);
        }
    }
}
