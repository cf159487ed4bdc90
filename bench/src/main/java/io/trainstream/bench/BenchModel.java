package io.trainstream.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;

import java.util.Random;

/** The benchmark's workload: an MLP 64 -> 64 -> 64 -> 10 on generated 10-class data. */
final class BenchModel {

    /** Input features. */
    static final int FEATURES = 64;
    /** Classes. */
    static final int CLASSES = 10;

    private BenchModel() {}

    /** @return the MLP, with a fixed engine seed */
    static Model mlp() {
        return mlp(64);
    }

    /** @return an MLP 64-hidden-hidden-10, with a fixed engine seed */
    static Model mlp(int hidden) {
        Engine.getInstance().setRandomSeed(3);
        Model model = Model.newInstance("bench-mlp");
        model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(CLASSES).build()));
        return model;
    }

    /** @return {@code samples} points around ten Gaussian centres, batched by {@code batch} */
    static ArrayDataset data(NDManager manager, int samples, int batch) {
        Random random = new Random(5);
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % CLASSES;
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                x[i * FEATURES + f] = (float) ((f % CLASSES == label ? 1.5 : 0.0) + random.nextGaussian());
            }
        }
        return new ArrayDataset.Builder().setData(manager.create(x, new Shape(samples, FEATURES)))
                .optLabels(manager.create(y, new Shape(samples))).setSampling(batch, true).build();
    }
}
