package io.trainstream.trainer.callback.builtin;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * Stops training when a train or eval step's loss is NaN or infinite. The check runs at step end,
 * before backward, so the bad loss is never applied to the weights. At the end of a stopped training
 * run it asks the trainer to end {@code train()} with a {@code TrainingTerminatedException} after every
 * callback has seen the run end (the reference exits the process instead).
 */
public class TerminateOnNaNCallback implements TrainerCallback {

    private boolean triggered;

    @Override
    public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        // the trainer's copy of this step's loss: read once per step, and not overwritten by an evaluation
        // an earlier callback ran during this event (step-based evaluation)
        check(trainer.lastTrainStepLoss(), "training");
    }

    @Override
    public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
        check(trainer.lastStepLoss(), "validation");
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        if (triggered) {
            triggered = false;
            trainer.print("Exiting due to NaN loss");
            trainer.requestTermination("Exiting due to NaN loss");
        }
    }

    @Override
    public void onEvaluationRunEnd(Trainer trainer) {
        triggered = false;
    }

    /** @return true when a NaN loss stopped the current run */
    public boolean triggered() {
        return triggered;
    }

    private void check(double loss, String phase) {
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            triggered = true;
            throw new StopTrainingException("Stopping training due to NaN loss in " + phase + " step");
        }
    }
}
