package io.trainstream.trainer.callback;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;

/**
 * A callback of the trainer: one no-op default method per event of the seed, called synchronously on
 * the training thread, after the trainer's hook of the same moment and in list order. Any method may
 * throw {@link StopTrainingException} to end the run early.
 *
 * <p>Custom events reach methods annotated with {@link OnEvent}.
 */
public interface TrainerCallback {

    /** @param trainer the trainer, at the end of its construction */
    default void onInitEnd(Trainer trainer) {}

    /** @param trainer the trainer, at the start of a training run */
    default void onTrainingRunStart(Trainer trainer) {}

    /** @param trainer the trainer, at the start of a train epoch */
    default void onTrainEpochStart(Trainer trainer) {}

    /** @param trainer the trainer, before a train batch's loss is computed */
    default void onTrainStepStart(Trainer trainer) {}

    /**
     * Called after a train batch's loss is computed, before backward; {@link Trainer#currentStep()}
     * is the batch index in the epoch.
     *
     * @param trainer the trainer
     * @param batch the batch
     * @param batchOutput what the step computed (loss already divided by accumulation steps)
     */
    default void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {}

    /** @param trainer the trainer, after {@code train_loss_epoch} is recorded */
    default void onTrainEpochEnd(Trainer trainer) {}

    /**
     * @param trainer the trainer, at the start of an eval epoch
     * @param isIntermediate true for a step-based evaluation inside a train epoch
     */
    default void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {}

    /**
     * Called before an eval batch's loss is computed. Override this or
     * {@link #onEvalStepStart(Trainer, int, boolean)}, which also gets the step index and the flag.
     *
     * @param trainer the trainer
     */
    default void onEvalStepStart(Trainer trainer) {}

    /**
     * Called before an eval batch's loss is computed; the default calls {@link #onEvalStepStart(Trainer)}.
     *
     * @param trainer the trainer
     * @param evalStep 0-based batch index in this eval epoch
     * @param isIntermediate true for a step-based evaluation inside a train epoch
     */
    default void onEvalStepStart(Trainer trainer, int evalStep, boolean isIntermediate) {
        onEvalStepStart(trainer);
    }

    /**
     * Called after an eval batch's loss is computed. Override this or
     * {@link #onEvalStepEnd(Trainer, Batch, StepOutput, int, boolean)}, which also gets the step index
     * and the flag.
     *
     * @param trainer the trainer
     * @param batch the batch
     * @param batchOutput what the eval step computed
     */
    default void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {}

    /**
     * Called after an eval batch's loss is computed; the default calls
     * {@link #onEvalStepEnd(Trainer, Batch, StepOutput)}.
     *
     * @param trainer the trainer
     * @param batch the batch
     * @param batchOutput what the eval step computed
     * @param evalStep 0-based batch index in this eval epoch
     * @param isIntermediate true for a step-based evaluation inside a train epoch
     */
    default void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput, int evalStep,
            boolean isIntermediate) {
        onEvalStepEnd(trainer, batch, batchOutput);
    }

    /**
     * @param trainer the trainer, after the eval loss metric is recorded
     * @param isIntermediate true for a step-based evaluation inside a train epoch
     */
    default void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {}

    /** @param trainer the trainer, at the end of one epoch of the run (the epoch increments after) */
    default void onTrainingRunEpochEnd(Trainer trainer) {}

    /** @param trainer the trainer, at the end of a training run (also after a stop) */
    default void onTrainingRunEnd(Trainer trainer) {}

    /** @param trainer the trainer, at the start of {@code evaluate()} */
    default void onEvaluationRunStart(Trainer trainer) {}

    /** @param trainer the trainer, at the end of {@code evaluate()} */
    default void onEvaluationRunEnd(Trainer trainer) {}

    /**
     * @param trainer the trainer
     * @param error the stop request that was caught
     */
    default void onStopTrainingError(Trainer trainer, StopTrainingException error) {}
}
