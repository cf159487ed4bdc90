package io.trainstream.cli.train;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.List;

/** A multi-layer perceptron: flatten, then Linear + ReLU per hidden layer, then Linear to the outputs (classes, or 1 for regression). */
public final class Mlp {

    private Mlp() {
    }

    /**
     * @param hidden the hidden layer sizes, in order (may be empty: a linear model)
     * @param classes the number of outputs: classes, or 1 for regression
     * @return a new model; the caller closes it
     */
    public static Model create(List<Integer> hidden, int classes) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int units : hidden) {
            block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(classes).build());
        Model model = Model.newInstance("trainstream-mlp");
        model.setBlock(block);
        return model;
    }

    /**
     * @param features input features
     * @param hidden hidden layer sizes
     * @param classes outputs
     * @return e.g. {@code "64 -> 64 -> 64 -> 10 (MLP, ReLU)"}
     */
    static String describe(int features, List<Integer> hidden, int classes) {
        StringBuilder text = new StringBuilder().append(features);
        hidden.forEach(units -> text.append(" -> ").append(units));
        return text.append(" -> ").append(classes).append(" (MLP, ReLU)").toString();
    }
}
