package io.trainstream.trainer.callback;

import io.trainstream.trainer.event.EventType;

import java.util.Map;

/** The fields each standard event carries in the log. */
final class StandardPayloads {

    private StandardPayloads() {}

    static Map<String, Object> of(EventType type, EventArgs args) {
        return switch (type) {
            case TRAIN_STEP_END, EVAL_STEP_END -> Map.of(
                    "loss", args.lossValue(),
                    "batch_size", (long) args.output().batchSize());
            case EVAL_EPOCH_START, EVAL_EPOCH_END -> Map.of("is_intermediate", args.isIntermediate());
            case STOP_TRAINING_ERROR -> Map.of("reason", String.valueOf(args.error().reason()));
            default -> Map.of();
        };
    }
}
