package io.trainstream.trainer.callback.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Map;

/** Temporarily replaces a block's parameter values with others, restoring them on close. */
final class WeightSwap implements AutoCloseable {

    private final Block block;
    private final Map<String, NDArray> saved = new LinkedHashMap<>();

    private WeightSwap(Block block) {
        this.block = block;
    }

    static WeightSwap swapIn(Block block, Map<String, NDArray> replacement) {
        WeightSwap swap = new WeightSwap(block);
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray live = pair.getValue().getArray();
            swap.saved.put(pair.getKey(), live.duplicate());
            replacement.get(pair.getKey()).copyTo(live);
        }
        return swap;
    }

    @Override
    public void close() {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray backup = saved.get(pair.getKey());
            backup.copyTo(pair.getValue().getArray());
            backup.close();
        }
    }
}
