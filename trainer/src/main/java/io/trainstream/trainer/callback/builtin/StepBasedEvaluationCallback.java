package io.trainstream.trainer.callback.builtin;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * Runs an intermediate evaluation every {@code evalEveryNSteps} batches of a train epoch (at batch
 * indices n, 2n, ..., before that batch's backward). The evaluation fires every eval hook and event
 * with {@code isIntermediate=true}, records {@code intermediate_eval_loss}, which is deleted again
 * afterwards, and uses its own loss tracker so the epoch's train loss is unaffected. Unlike the
 * reference, the model is put back in training mode afterwards.
 */
public class StepBasedEvaluationCallback implements TrainerCallback {

    private final int evalEveryNSteps;

    /** @param evalEveryNSteps batches between evaluations */
    public StepBasedEvaluationCallback(int evalEveryNSteps) {
        if (evalEveryNSteps <= 0) {
            throw new IllegalArgumentException("evalEveryNSteps must be > 0, was " + evalEveryNSteps);
        }
        this.evalEveryNSteps = evalEveryNSteps;
    }

    @Override
    public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        int step = trainer.currentStep();
        if (step == 0 || step % evalEveryNSteps != 0 || trainer.evalDataloader() == null) {
            return;
        }
        trainer.print("\nRunning evaluation after " + step + " training steps");
        boolean wasTraining = trainer.isTrainingMode();
        trainer.runEvalEpoch(true, true);
        trainer.runHistory().deleteMetric("intermediate_eval_loss");
        trainer.setTrainingMode(wasTraining);
        trainer.print("\nResuming training...");
    }
}
