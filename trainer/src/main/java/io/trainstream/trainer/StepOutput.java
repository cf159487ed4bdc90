package io.trainstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Map;
import java.util.Objects;

/**
 * What one train or eval step computed (the reference's {@code batch_output} map): the loss, the
 * model's outputs and the number of samples in the batch, plus any extra values a trainer subclass
 * wants to hand to callbacks.
 *
 * @param loss the scalar loss; for train steps with gradient accumulation it is already divided by
 *     the accumulation steps when callbacks see it
 * @param modelOutputs the model's outputs for the batch
 * @param batchSize the number of samples in the batch
 * @param extras extra values computed by the step, for callbacks (never null)
 */
public record StepOutput(NDArray loss, NDList modelOutputs, int batchSize, Map<String, Object> extras) {

    /** Validates the fields and copies the extras. */
    public StepOutput {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(modelOutputs, "modelOutputs");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, was " + batchSize);
        }
        extras = Map.copyOf(extras == null ? Map.of() : extras);
    }

    /**
     * @param loss the scalar loss
     * @param modelOutputs the model's outputs
     * @param batchSize samples in the batch
     */
    public StepOutput(NDArray loss, NDList modelOutputs, int batchSize) {
        this(loss, modelOutputs, batchSize, Map.of());
    }

    /**
     * @param newLoss the replacement loss
     * @return a copy holding {@code newLoss}
     */
    public StepOutput withLoss(NDArray newLoss) {
        return new StepOutput(newLoss, modelOutputs, batchSize, extras);
    }

    /** @return the mean loss as a double (reads the scalar from the engine) */
    public double lossValue() {
        NDArray scalar = loss.getShape().isScalar() ? loss : loss.mean();
        if (scalar.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
            return scalar.getFloat();
        }
        return scalar.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
