package io.trainstream.trainer.callback;

import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.StopTrainingException;

/**
 * The arguments a standard callback event carries besides the trainer: the batch and its output for
 * step-end events, the batch index for train steps, the intermediate flag for eval epoch events and
 * the error for {@code stop_training_error}. Fields an event does not use are null.
 *
 * @param batch the batch of a step-end event
 * @param output what the step computed
 * @param step 0-based batch index in the epoch (train steps), or null
 * @param lossValue the step's mean loss as read once by the trainer, unscaled (never divided by the
 *     gradient accumulation steps), or NaN when not read
 * @param callbackLossValue the loss in {@code output} as callbacks see it: {@code lossValue} divided by
 *     the accumulation steps for a train step with accumulation, else equal to {@code lossValue}
 * @param isIntermediate whether an eval epoch is a step-based intermediate evaluation
 * @param error the caught stop request
 */
public record EventArgs(Batch batch, StepOutput output, Integer step, double lossValue, double callbackLossValue,
        boolean isIntermediate, StopTrainingException error) {

    private static final EventArgs NONE = new EventArgs(null, null, null, Double.NaN, Double.NaN, false, null);

    /** @return arguments for events that carry none */
    public static EventArgs none() {
        return NONE;
    }

    /**
     * @param step 0-based batch index in the epoch
     * @return arguments for {@code train_step_start}
     */
    public static EventArgs stepStart(int step) {
        return new EventArgs(null, null, step, Double.NaN, Double.NaN, false, null);
    }

    /**
     * @param batch the batch
     * @param output what the step computed
     * @param step 0-based batch index, or null for eval steps
     * @param lossValue the step's mean loss, which is also what callbacks see in {@code output}
     * @return arguments for a step-end event
     */
    public static EventArgs stepEnd(Batch batch, StepOutput output, Integer step, double lossValue) {
        return stepEnd(batch, output, step, lossValue, lossValue);
    }

    /**
     * @param batch the batch
     * @param output what the step computed, as callbacks see it
     * @param step 0-based batch index, or null for eval steps
     * @param lossValue the step's mean loss, unscaled
     * @param callbackLossValue the loss held by {@code output} (scaled by gradient accumulation)
     * @return arguments for a step-end event
     */
    public static EventArgs stepEnd(Batch batch, StepOutput output, Integer step, double lossValue,
            double callbackLossValue) {
        return new EventArgs(batch, output, step, lossValue, callbackLossValue, false, null);
    }

    /**
     * @param isIntermediate whether the eval epoch is intermediate
     * @return arguments for eval epoch start/end
     */
    public static EventArgs evalEpoch(boolean isIntermediate) {
        return new EventArgs(null, null, null, Double.NaN, Double.NaN, isIntermediate, null);
    }

    /**
     * @param error the caught stop request
     * @return arguments for {@code stop_training_error}
     */
    public static EventArgs stop(StopTrainingException error) {
        return new EventArgs(null, null, null, Double.NaN, Double.NaN, false, error);
    }
}
