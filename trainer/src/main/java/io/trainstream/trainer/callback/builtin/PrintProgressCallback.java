package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/** Prints a line at the start and end of each run and at the start of each epoch. */
public class PrintProgressCallback implements TrainerCallback {

    @Override
    public void onTrainingRunStart(Trainer trainer) {
        trainer.print("\nStarting training run");
    }

    @Override
    public void onTrainEpochStart(Trainer trainer) {
        trainer.print("\nStarting epoch " + trainer.runHistory().currentEpoch());
    }

    @Override
    public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
        trainer.print("\nStarting eval epoch");
    }

    @Override
    public void onTrainingRunEnd(Trainer trainer) {
        trainer.print("Finishing training run");
    }

    @Override
    public void onEvaluationRunStart(Trainer trainer) {
        trainer.print("\nStarting evaluation run");
    }

    @Override
    public void onEvaluationRunEnd(Trainer trainer) {
        trainer.print("Finishing evaluation run");
    }
}
