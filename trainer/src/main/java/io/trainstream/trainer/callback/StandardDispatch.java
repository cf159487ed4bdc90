package io.trainstream.trainer.callback;

import io.trainstream.trainer.Trainer;
import io.trainstream.events.EventKind;

/** Maps a standard event kind to the {@link TrainerCallback} method that receives it. */
final class StandardDispatch {

    private StandardDispatch() {}

    static void dispatch(EventKind kind, TrainerCallback callback, Trainer trainer, EventArgs args) {
        switch (kind) {
            case INIT_END -> callback.onInitEnd(trainer);
            case TRAINING_RUN_START -> callback.onTrainingRunStart(trainer);
            case TRAIN_EPOCH_START -> callback.onTrainEpochStart(trainer);
            case TRAIN_STEP_START -> callback.onTrainStepStart(trainer);
            case TRAIN_STEP_END -> callback.onTrainStepEnd(trainer, args.batch(), args.output());
            case TRAIN_EPOCH_END -> callback.onTrainEpochEnd(trainer);
            case EVAL_EPOCH_START -> callback.onEvalEpochStart(trainer, args.isIntermediate());
            case EVAL_STEP_START -> callback.onEvalStepStart(trainer, trainer.currentEvalStep(), trainer.isIntermediateEval());
            case EVAL_STEP_END -> callback.onEvalStepEnd(trainer, args.batch(), args.output(), trainer.currentEvalStep(),
                    trainer.isIntermediateEval());
            case EVAL_EPOCH_END -> callback.onEvalEpochEnd(trainer, args.isIntermediate());
            case TRAINING_RUN_EPOCH_END -> callback.onTrainingRunEpochEnd(trainer);
            case TRAINING_RUN_END -> callback.onTrainingRunEnd(trainer);
            case EVALUATION_RUN_START -> callback.onEvaluationRunStart(trainer);
            case EVALUATION_RUN_END -> callback.onEvaluationRunEnd(trainer);
            case STOP_TRAINING_ERROR -> callback.onStopTrainingError(trainer, args.error());
            case METRIC_UPDATE, METRIC_DELETED, METRIC_PREFIX_CHANGED, HISTORY_RESET, EPOCH_CHANGE, RUN_START, RUN_END,
                    CUSTOM -> throw new IllegalArgumentException(kind + " is not a callback event");
        }
    }
}
