package io.trainstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** In-place operations on a block's parameter gradients: clipping by value and zeroing. */
final class GradientClipping {

    private GradientClipping() {}

    /** Clips every gradient element to {@code [-value, value]}, in place. */
    static void clipByValue(Block block, double value) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray weights = pair.getValue().getArray();
            if (!weights.hasGradient()) {
                continue;
            }
            try (NDArray gradient = weights.getGradient(); NDArray clipped = gradient.clip(-value, value)) {
                // DJL has no in-place clip; overwrite the gradient with the clipped copy
                gradient.subi(gradient).addi(clipped);
            }
        }
    }

    /** Sets every gradient to zero, in place. */
    static void zero(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray weights = pair.getValue().getArray();
            if (weights.hasGradient()) {
                try (NDArray gradient = weights.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }
}
