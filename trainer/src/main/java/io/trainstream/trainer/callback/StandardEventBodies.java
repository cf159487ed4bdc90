package io.trainstream.trainer.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.StepValues;

import java.util.ArrayList;
import java.util.List;

/** Builds the typed body each standard (callback) event is logged with, from its live arguments. */
final class StandardEventBodies {

    private StandardEventBodies() {}

    static EventBody of(EventKind kind, EventArgs args, boolean evalOutputs) {
        return switch (kind) {
            case INIT_END -> new EventBody.InitEnd();
            case TRAINING_RUN_START -> new EventBody.TrainingRunStart();
            case TRAIN_EPOCH_START -> new EventBody.TrainEpochStart();
            case TRAIN_STEP_START -> new EventBody.TrainStepStart();
            case TRAIN_STEP_END -> new EventBody.TrainStepEnd(stepValues(args));
            case TRAIN_EPOCH_END -> new EventBody.TrainEpochEnd();
            case EVAL_EPOCH_START -> new EventBody.EvalEpochStart(args.isIntermediate());
            case EVAL_STEP_START -> new EventBody.EvalStepStart();
            case EVAL_STEP_END -> new EventBody.EvalStepEnd(evalOutputs ? withEvalOutputs(args) : stepValues(args));
            case EVAL_EPOCH_END -> new EventBody.EvalEpochEnd(args.isIntermediate());
            case TRAINING_RUN_EPOCH_END -> new EventBody.TrainingRunEpochEnd();
            case TRAINING_RUN_END -> new EventBody.TrainingRunEnd();
            case EVALUATION_RUN_START -> new EventBody.EvaluationRunStart();
            case EVALUATION_RUN_END -> new EventBody.EvaluationRunEnd();
            case STOP_TRAINING_ERROR -> new EventBody.StopTrainingError(String.valueOf(args.error().reason()));
            case METRIC_UPDATE, METRIC_DELETED, METRIC_PREFIX_CHANGED, HISTORY_RESET, EPOCH_CHANGE, RUN_START, RUN_END,
                    CUSTOM -> throw new IllegalArgumentException(kind + " is not a callback event");
        };
    }

    private static StepValues stepValues(EventArgs args) {
        return StepValues.of(args.lossValue(), args.callbackLossValue(), args.output().batchSize());
    }

    /**
     * Adds what a predictions consumer needs: the predicted class per sample (argmax over the last
     * axis of a 2-D output; the raw values of any other output), the targets, and the samples' dataset
     * indices when the batch knows them.
     */
    private static StepValues withEvalOutputs(EventArgs args) {
        NDArray outputs = args.output().modelOutputs().head();
        NDArray predicted = outputs.getShape().dimension() == 2 && outputs.getShape().get(1) > 1
                ? outputs.argMax(1) : outputs.flatten();
        List<Double> predictions = doubles(predicted);
        List<Double> targets = null;
        List<String> sampleIds = null;
        if (args.batch() != null && args.batch().getLabels() != null && !args.batch().getLabels().isEmpty()) {
            targets = doubles(args.batch().getLabels().head().flatten());
            List<?> indices = args.batch().getIndices();
            if (indices != null && !indices.isEmpty()) {
                sampleIds = indices.stream().map(String::valueOf).toList();
            }
        }
        return new StepValues(args.lossValue(), args.callbackLossValue(), args.output().batchSize(), predictions,
                targets, sampleIds);
    }

    private static List<Double> doubles(NDArray array) {
        double[] values = array.toType(DataType.FLOAT64, false).toDoubleArray();
        List<Double> out = new ArrayList<>(values.length);
        for (double d : values) {
            out.add(d);
        }
        return out;
    }
}
