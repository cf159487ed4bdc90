package io.trainstream.trainer.callback;

import io.trainstream.events.EventKind;
import io.trainstream.trainer.Trainer;

/** Maps a standard event kind to the {@link TrainerCallback} method that receives it. */
final class StandardDispatch {

    private StandardDispatch() {}

    /**
     * Calls the callback's method for the event. A switch expression over every kind, without default,
     * so the compiler reports a kind added to {@link EventKind} and not handled here.
     *
     * @throws IllegalArgumentException for a kind that is not a callback event
     */
    static void dispatch(EventKind kind, TrainerCallback callback, Trainer trainer, EventArgs args) {
        boolean callbackEvent = switch (kind) {
            case INIT_END -> {
                callback.onInitEnd(trainer);
                yield true;
            }
            case TRAINING_RUN_START -> {
                callback.onTrainingRunStart(trainer);
                yield true;
            }
            case TRAIN_EPOCH_START -> {
                callback.onTrainEpochStart(trainer);
                yield true;
            }
            case TRAIN_STEP_START -> {
                callback.onTrainStepStart(trainer);
                yield true;
            }
            case TRAIN_STEP_END -> {
                callback.onTrainStepEnd(trainer, args.batch(), args.output());
                yield true;
            }
            case TRAIN_EPOCH_END -> {
                callback.onTrainEpochEnd(trainer);
                yield true;
            }
            case EVAL_EPOCH_START -> {
                callback.onEvalEpochStart(trainer, args.isIntermediate());
                yield true;
            }
            case EVAL_STEP_START -> {
                callback.onEvalStepStart(trainer, trainer.currentEvalStep(),
                        trainer.isIntermediateEval());
                yield true;
            }
            case EVAL_STEP_END -> {
                callback.onEvalStepEnd(trainer, args.batch(), args.output(),
                        trainer.currentEvalStep(), trainer.isIntermediateEval());
                yield true;
            }
            case EVAL_EPOCH_END -> {
                callback.onEvalEpochEnd(trainer, args.isIntermediate());
                yield true;
            }
            case TRAINING_RUN_EPOCH_END -> {
                callback.onTrainingRunEpochEnd(trainer);
                yield true;
            }
            case TRAINING_RUN_END -> {
                callback.onTrainingRunEnd(trainer);
                yield true;
            }
            case EVALUATION_RUN_START -> {
                callback.onEvaluationRunStart(trainer);
                yield true;
            }
            case EVALUATION_RUN_END -> {
                callback.onEvaluationRunEnd(trainer);
                yield true;
            }
            case STOP_TRAINING_ERROR -> {
                callback.onStopTrainingError(trainer, args.error());
                yield true;
            }
            case METRIC_UPDATE, METRIC_DELETED, METRIC_PREFIX_CHANGED, HISTORY_RESET, EPOCH_CHANGE, RUN_START, RUN_END,
                    CUSTOM -> false;
        };
        if (!callbackEvent) {
            throw new IllegalArgumentException(kind + " is not a callback event");
        }
    }
}
