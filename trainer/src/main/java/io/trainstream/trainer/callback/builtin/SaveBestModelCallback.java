package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.callback.WatchesMetric;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Saves a checkpoint whenever the watched metric improves (strictly, no threshold) at the end of an
 * epoch, and loads the best one back at the end of the training run, also after an early stop.
 *
 * <p>Fixed on purpose relative to the reference: the checkpoint always stores the value under the
 * watched metric's name; both save flags apply to every save; a run that saved nothing loads nothing
 * (and says so) instead of failing or loading a stale file; a watched metric that was never recorded
 * fails with an error naming it.
 *
 * <pre>{@code
 * SaveBestModelCallback best = SaveBestModelCallback.builder().savePath(Path.of("best.zip"))
 *         .watchMetric("accuracy").greaterIsBetter(true).build();
 * }</pre>
 */
public class SaveBestModelCallback implements TrainerCallback, WatchesMetric, ResumableCallback {

    private final Path savePath;
    private final String watchMetric;
    private final boolean greaterIsBetter;
    private final boolean resetOnTrain;
    private final boolean saveOptimizer;
    private final boolean saveScheduler;
    private final boolean loadSavedCheckpoint;
    private Double best;
    private int bestEpoch;
    private boolean savedThisRun;
    private boolean dryRun;

    /** Saves to {@code best_model.zip}, watching {@code eval_loss_epoch}, lower is better. */
    public SaveBestModelCallback() {
        this(Path.of("best_model.zip"), "eval_loss_epoch", false);
    }

    /**
     * @param savePath checkpoint file
     * @param watchMetric the metric to watch
     * @param greaterIsBetter whether larger values are better
     */
    public SaveBestModelCallback(Path savePath, String watchMetric, boolean greaterIsBetter) {
        this(savePath, watchMetric, greaterIsBetter, true, true, true, true);
    }

    /**
     * @param savePath checkpoint file
     * @param watchMetric the metric to watch
     * @param greaterIsBetter whether larger values are better
     * @param resetOnTrain forget the best value at each training run start
     * @param saveOptimizer include the optimizer state in the checkpoint
     * @param saveScheduler include the scheduler state in the checkpoint
     * @param loadSavedCheckpoint load the best checkpoint at the end of the training run
     * @deprecated seven positional values are easy to mix up; use {@link #builder()}
     */
    @Deprecated
    public SaveBestModelCallback(Path savePath, String watchMetric, boolean greaterIsBetter, boolean resetOnTrain,
            boolean saveOptimizer, boolean saveScheduler, boolean loadSavedCheckpoint) {
        this.savePath = Objects.requireNonNull(savePath, "savePath");
        this.watchMetric = Objects.requireNonNull(watchMetric, "watchMetric");
        this.greaterIsBetter = greaterIsBetter;
        this.resetOnTrain = resetOnTrain;
        this.saveOptimizer = saveOptimizer;
        this.saveScheduler = saveScheduler;
        this.loadSavedCheckpoint = loadSavedCheckpoint;
    }

    /**
     * For subclasses that configure the saving part through a builder.
     *
     * @param options the save options
     */
    protected SaveBestModelCallback(Builder options) {
        this(options.savePath, options.watchMetric, options.greaterIsBetter, options.resetOnTrain, options.saveOptimizer,
                options.saveScheduler, options.loadSavedCheckpoint);
    }

    /** @return a builder with the reference's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        if (resetOnTrain) {
            best = null;
        }
        savedThisRun = false;
    }

    @Override
    public void onTrainingRunEpochEnd(Trainer trainer) {
        double current = WatchedMetrics.latest(trainer, watchMetric, getClass());
        if (isImprovement(current)) {
            best = current;
            bestEpoch = trainer.runHistory().currentEpoch();
            save(trainer);
        }
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        if (!loadSavedCheckpoint || dryRun) {
            return;
        }
        if (!savedThisRun) {
            trainer.print("No checkpoint was saved in this run; keeping the current weights");
            return;
        }
        trainer.print("Loading checkpoint with " + watchMetric + ": " + best + " from epoch " + bestEpoch);
        trainer.loadCheckpoint(savePath, saveOptimizer, saveScheduler && trainer.scheduler() != null);
    }

    /**
     * Decides whether a value would be saved as the new best, without changing anything; used to ask
     * "what would this callback have done" of a recorded run.
     *
     * @param current the metric value at the end of an epoch
     * @return true when it beats the best so far (or is the first)
     */
    public boolean isImprovement(double current) {
        return best == null || (greaterIsBetter ? current > best : current < best);
    }

    /**
     * Protected so subclasses (the EMA callback) can save other weights the same way.
     *
     * @param trainer the trainer whose model is saved
     */
    protected void save(Trainer trainer) {
        if (dryRun) {
            return;
        }
        // LinkedHashMap, not Map.of: best is null when a subclass saves without a metric deciding (EMA)
        Map<String, Object> extras = new java.util.LinkedHashMap<>();
        if (best != null) {
            extras.put(watchMetric, best);
        }
        extras.put("epoch", bestEpoch);
        trainer.saveCheckpoint(savePath, extras, saveOptimizer, saveScheduler);
        savedThisRun = true;
    }

    /**
     * In a dry run the callback makes its decisions but writes and loads no checkpoint: used to ask
     * what it would have done on a recorded run.
     *
     * @param value whether to run dry
     */
    public void setDryRun(boolean value) {
        dryRun = value;
    }

    @Override
    public String watchMetric() {
        return watchMetric;
    }

    @Override
    public boolean greaterIsBetter() {
        return greaterIsBetter;
    }

    /** @return the best value seen, or null */
    public Double best() {
        return best;
    }

    /** @return the epoch of the best value */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the checkpoint file */
    public Path savePath() {
        return savePath;
    }

    /**
     * Rebuilds the best value and its epoch from the watched metric's recorded values (one per
     * completed epoch, the first at epoch {@code completedEpochs - values + 1}); the checkpoint file
     * written then is kept, not rewritten.
     */
    @Override
    public void resumeFrom(RunHistory history, ResumePoint point) {
        java.util.List<Double> values = history.metricValues(watchMetric);
        Double rebuilt = null;
        int epoch = 0;
        int firstEpoch = point.completedEpochs() - values.size() + 1;
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            if (rebuilt == null || (greaterIsBetter ? value > rebuilt : value < rebuilt)) {
                rebuilt = value;
                epoch = firstEpoch + i;
            }
        }
        restoreState(rebuilt, epoch);
    }

    /**
     * Restores the decision state, e.g. when a crashed run is resumed from its event log.
     *
     * @param bestValue best value seen, or null
     * @param epoch epoch of the best value
     */
    public void restoreState(Double bestValue, int epoch) {
        best = bestValue;
        bestEpoch = epoch;
        savedThisRun = bestValue != null;
    }

    /** @param value sets the best value directly (subclasses that compare other weights) */
    protected void setBest(Double value) {
        best = value;
    }

    /**
     * Options of a {@link SaveBestModelCallback}, defaulting to the reference's: file
     * {@code best_model.zip}, watch {@code eval_loss_epoch}, lower is better, reset at each training
     * run, save optimizer and scheduler state, load the best checkpoint at the end.
     */
    public static final class Builder {
        private Path savePath = Path.of("best_model.zip");
        private String watchMetric = "eval_loss_epoch";
        private boolean greaterIsBetter;
        private boolean resetOnTrain = true;
        private boolean saveOptimizer = true;
        private boolean saveScheduler = true;
        private boolean loadSavedCheckpoint = true;

        /** Starts from the reference's defaults; subclasses' builders may extend it. */
        protected Builder() {}

        /** @param value the checkpoint file @return this */
        public Builder savePath(Path value) {
            savePath = value;
            return this;
        }

        /** @param value the metric to watch @return this */
        public Builder watchMetric(String value) {
            watchMetric = value;
            return this;
        }

        /** @param value whether larger values are better @return this */
        public Builder greaterIsBetter(boolean value) {
            greaterIsBetter = value;
            return this;
        }

        /** @param value forget the best value at each training run start @return this */
        public Builder resetOnTrain(boolean value) {
            resetOnTrain = value;
            return this;
        }

        /** @param value include the optimizer state in the checkpoint @return this */
        public Builder saveOptimizer(boolean value) {
            saveOptimizer = value;
            return this;
        }

        /** @param value include the scheduler state in the checkpoint @return this */
        public Builder saveScheduler(boolean value) {
            saveScheduler = value;
            return this;
        }

        /** @param value load the best checkpoint at the end of the training run @return this */
        public Builder loadSavedCheckpoint(boolean value) {
            loadSavedCheckpoint = value;
            return this;
        }

        /** @return the callback; a missing path or metric fails naming it */
        public SaveBestModelCallback build() {
            return new SaveBestModelCallback(this);
        }
    }
}
