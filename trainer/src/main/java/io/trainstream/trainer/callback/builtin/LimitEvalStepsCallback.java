package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.data.DataLoader;

/**
 * Limits eval epochs to {@code numEvalSteps} batches: only intermediate (step-based) evaluations by
 * default, every evaluation when {@code limitIntermediateOnly} is false. Unlike the reference, the
 * limit really shortens the eval loop (the trainer reads its eval loader after the epoch start event).
 * Place it before {@link StepBasedEvaluationCallback} and {@link ProgressBarCallback}.
 */
public class LimitEvalStepsCallback implements TrainerCallback {

    private final int numEvalSteps;
    private final boolean limitIntermediateOnly;
    private DataLoader original;

    /** @param numEvalSteps most batches per limited eval epoch */
    public LimitEvalStepsCallback(int numEvalSteps) {
        this(numEvalSteps, true);
    }

    /**
     * @param numEvalSteps most batches per limited eval epoch
     * @param limitIntermediateOnly limit only intermediate evaluations
     */
    public LimitEvalStepsCallback(int numEvalSteps, boolean limitIntermediateOnly) {
        if (numEvalSteps <= 0) {
            throw new IllegalArgumentException("numEvalSteps must be > 0, was " + numEvalSteps);
        }
        this.numEvalSteps = numEvalSteps;
        this.limitIntermediateOnly = limitIntermediateOnly;
    }

    @Override
    public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
        if ((isIntermediate || !limitIntermediateOnly) && trainer.evalDataloader() != null) {
            original = trainer.evalDataloader();
            trainer.setEvalDataloader(original.limitedTo(numEvalSteps));
            trainer.print("Limiting evaluation to " + numEvalSteps + " steps per process");
        }
    }

    @Override
    public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
        if (original != null) {
            trainer.setEvalDataloader(original);
            original = null;
        }
    }
}
