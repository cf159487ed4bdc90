package io.trainstream.trainer.checkpoint;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only copy of a DJL optimizer's state, the same state a checkpoint saves: its per-parameter
 * arrays by field (Adam's {@code mean} and {@code variance}, SGD's {@code momentumStates}, ...), its
 * per-parameter update counts and its global update count. Parameters are named as in the block
 * ({@code 02Linear_weight}), not by DJL's per-instance ids. Values are copies: changing them changes
 * nothing in the optimizer.
 *
 * @param numUpdate the optimizer's global update count
 * @param updateCounts updates applied per parameter name
 * @param stateByField state arrays (flattened) per optimizer field, then per parameter name
 */
public record OptimizerState(int numUpdate, Map<String, Integer> updateCounts,
        Map<String, Map<String, float[]>> stateByField) {

    /** Copies the maps so the record cannot be changed through them. */
    public OptimizerState {
        updateCounts = Map.copyOf(updateCounts);
        stateByField = stateByField.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    /**
     * @param optimizer the optimizer to read
     * @param block the block it trains (names its parameters)
     * @return a copy of the optimizer's state
     * @throws UncheckedIOException when this DJL version keeps the state where it cannot be read
     */
    public static OptimizerState of(Optimizer optimizer, Block block) {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(block, "block");
        try {
            return OptimizerStateIO.snapshot(optimizer, block);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of " + optimizer.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param field an optimizer field name, e.g. {@code mean}
     * @param parameter a parameter name, e.g. {@code 02Linear_weight}
     * @return a copy of that state array
     * @throws IllegalArgumentException naming what is missing
     */
    public float[] get(String field, String parameter) {
        Map<String, float[]> byParameter = stateByField.get(field);
        if (byParameter == null) {
            throw new IllegalArgumentException("optimizer has no state field '" + field + "'; fields: "
                    + stateByField.keySet());
        }
        float[] values = byParameter.get(parameter);
        if (values == null) {
            throw new IllegalArgumentException("no '" + field + "' state for parameter '" + parameter
                    + "' (no update yet?); parameters: " + byParameter.keySet());
        }
        return values.clone();
    }
}
