package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.callback.WatchesMetric;

/**
 * Stops training when the watched metric has not improved by more than {@code threshold} (absolute,
 * strict) for {@code patience} epochs. The first value only sets the baseline; an improvement resets
 * the counter and moves the baseline; a smaller gain increments the counter and keeps the baseline.
 * A watched metric that was never recorded fails the run with an error naming it.
 *
 * <pre>{@code
 * EarlyStoppingCallback stopping = EarlyStoppingCallback.builder().patience(3).threshold(0.001)
 *         .watchMetric("accuracy").greaterIsBetter(true).build();
 * }</pre>
 */
public class EarlyStoppingCallback implements TrainerCallback, WatchesMetric, ResumableCallback {

    private final int patience;
    private final double threshold;
    private final String watchMetric;
    private final boolean greaterIsBetter;
    private final boolean resetOnTrain;
    private Double best;
    private int counter;

    /** Patience 1, threshold 0.01, watching {@code eval_loss_epoch}, lower is better. */
    public EarlyStoppingCallback() {
        this(1, 0.01);
    }

    /**
     * @param patience epochs without improvement before stopping
     * @param threshold smallest absolute change that counts as an improvement
     */
    public EarlyStoppingCallback(int patience, double threshold) {
        this(patience, threshold, "eval_loss_epoch", false, true);
    }

    /** @return a builder with the reference's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param patience epochs without improvement before stopping
     * @param threshold smallest absolute change that counts as an improvement
     * @param watchMetric the metric to watch
     * @param greaterIsBetter whether larger values are better
     * @param resetOnTrain forget the best value and counter at each training run start
     * @deprecated positional flags are easy to mix up (choosing "greater is better" here means also
     *     spelling out the reset flag); use {@link #builder()}
     */
    @Deprecated
    public EarlyStoppingCallback(int patience, double threshold, String watchMetric, boolean greaterIsBetter,
            boolean resetOnTrain) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (threshold < 0 || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
        this.patience = patience;
        this.threshold = threshold;
        this.watchMetric = java.util.Objects.requireNonNull(watchMetric, "watchMetric");
        this.greaterIsBetter = greaterIsBetter;
        this.resetOnTrain = resetOnTrain;
    }

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        if (resetOnTrain) {
            best = null;
            counter = 0;
        }
    }

    @Override
    public void onTrainingRunEpochEnd(Trainer trainer) {
        double current = WatchedMetrics.latest(trainer, watchMetric, getClass());
        Double previousBest = best;
        boolean improved = observe(current);
        if (previousBest != null) {
            if (improved) {
                trainer.print("\nImprovement of " + Math.abs(current - previousBest) + " observed, resetting counter. ");
            } else {
                trainer.print("No improvement above threshold observed, incrementing counter. ");
            }
            trainer.print("Early stopping counter: " + counter + "/" + patience);
        }
        if (shouldStop()) {
            throw new StopTrainingException("Stopping training due to no improvement after " + patience + " epochs");
        }
    }

    /**
     * Applies one epoch's value of the watched metric to the state, without printing or stopping: the
     * decision rule shared by training, resuming and what-if analysis of recorded runs.
     *
     * @param current the watched metric at the end of an epoch
     * @return true when it is an improvement (the first value is not)
     */
    public boolean observe(double current) {
        if (best == null) {
            best = current;
            return false;
        }
        boolean better = greaterIsBetter ? current > best : current < best;
        if (better && Math.abs(current - best) > threshold) {
            best = current;
            counter = 0;
            return true;
        }
        counter++;
        return false;
    }

    /** @return true when the counter has reached the patience */
    public boolean shouldStop() {
        return counter >= patience;
    }

    /**
     * Rebuilds best and counter from the watched metric's recorded values (one per completed epoch).
     * When history is reset per run ({@code resetOnTrain}), the restored history holds only this run.
     */
    @Override
    public void resumeFrom(RunHistory history, ResumePoint point) {
        best = null;
        counter = 0;
        history.metricValues(watchMetric).forEach(this::observe);
    }

    @Override
    public String watchMetric() {
        return watchMetric;
    }

    @Override
    public boolean greaterIsBetter() {
        return greaterIsBetter;
    }

    /** @return the best value seen, or null before the first */
    public Double best() {
        return best;
    }

    /** @return epochs without improvement */
    public int counter() {
        return counter;
    }

    /** @return the patience */
    public int patience() {
        return patience;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    /**
     * Restores the decision state, e.g. when a crashed run is resumed from its event log.
     *
     * @param bestValue best value seen, or null
     * @param counterValue epochs without improvement
     */
    public void restoreState(Double bestValue, int counterValue) {
        best = bestValue;
        counter = counterValue;
    }

    /**
     * Options of an {@link EarlyStoppingCallback}, each defaulting to the reference's: patience 1,
     * threshold 0.01, watch {@code eval_loss_epoch}, lower is better, reset at each training run.
     */
    public static final class Builder {
        private int patience = 1;
        private double threshold = 0.01;
        private String watchMetric = "eval_loss_epoch";
        private boolean greaterIsBetter;
        private boolean resetOnTrain = true;

        private Builder() {}

        /** @param value epochs without improvement before stopping (default 1) @return this */
        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** @param value smallest absolute change that counts as an improvement (default 0.01) @return this */
        public Builder threshold(double value) {
            threshold = value;
            return this;
        }

        /** @param value the metric to watch (default {@code eval_loss_epoch}) @return this */
        public Builder watchMetric(String value) {
            watchMetric = value;
            return this;
        }

        /** @param value whether larger values are better (default false) @return this */
        public Builder greaterIsBetter(boolean value) {
            greaterIsBetter = value;
            return this;
        }

        /** @param value forget best value and counter at each training run start (default true) @return this */
        public Builder resetOnTrain(boolean value) {
            resetOnTrain = value;
            return this;
        }

        /** @return the callback; bad values fail with a message naming them */
        public EarlyStoppingCallback build() {
            return new EarlyStoppingCallback(patience, threshold, watchMetric, greaterIsBetter, resetOnTrain);
        }
    }
}
