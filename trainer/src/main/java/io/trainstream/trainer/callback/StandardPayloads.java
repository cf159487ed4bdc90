package io.trainstream.trainer.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.trainstream.trainer.event.EventType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fields each standard event carries in the log. */
final class StandardPayloads {

    private StandardPayloads() {}

    static Map<String, Object> of(EventType type, EventArgs args, boolean evalOutputs) {
        return switch (type) {
            case TRAIN_STEP_END -> stepEnd(args);
            case EVAL_STEP_END -> evalOutputs ? withEvalOutputs(args) : stepEnd(args);
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> Map.of("is_intermediate", args.isIntermediate());
            case STOP_TRAINING_ERROR -> Map.of("reason", String.valueOf(args.error().reason()));
            default -> Map.of();
        };
    }

    private static Map<String, Object> stepEnd(EventArgs args) {
        return Map.of("loss", args.lossValue(), "callback_loss", args.callbackLossValue(),
                "batch_size", (long) args.output().batchSize());
    }

    /**
     * Adds what a predictions consumer needs: the predicted class per sample (argmax over the last
     * axis of a 2-D output; the raw values of any other output), the targets, and the samples' dataset
     * indices when the batch knows them.
     */
    private static Map<String, Object> withEvalOutputs(EventArgs args) {
        Map<String, Object> payload = new HashMap<>(stepEnd(args));
        NDArray outputs = args.output().modelOutputs().head();
        NDArray predicted = outputs.getShape().dimension() == 2 && outputs.getShape().get(1) > 1
                ? outputs.argMax(1) : outputs.flatten();
        payload.put("predictions", predicted.toType(DataType.FLOAT64, false).toDoubleArray());
        if (args.batch() != null && args.batch().getLabels() != null && !args.batch().getLabels().isEmpty()) {
            payload.put("targets", args.batch().getLabels().head().flatten().toType(DataType.FLOAT64, false)
                    .toDoubleArray());
            List<?> indices = args.batch().getIndices();
            if (indices != null && !indices.isEmpty()) {
                payload.put("sample_ids", indices.stream().map(String::valueOf).toList());
            }
        }
        return payload;
    }
}
