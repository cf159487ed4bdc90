package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;

import java.util.Random;

/** Small models and generated datasets for trainer tests. */
final class TestData {

    private TestData() {}

    /** An MLP: inputs -> hidden (ReLU) -> classes. */
    static Model mlp(String name, int hidden, int classes) {
        Engine.getInstance().setRandomSeed(7);
        Model model = Model.newInstance(name);
        SequentialBlock block = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
        model.setBlock(block);
        return model;
    }

    /**
     * Three Gaussian blobs in {@code features} dimensions: a separable 3-class problem.
     */
    static ArrayDataset blobs(NDManager manager, int samples, int features, long seed, int batchSize) {
        Random random = new Random(seed);
        float[] x = new float[samples * features];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 3;
            y[i] = label;
            for (int f = 0; f < features; f++) {
                double centre = (f % 3 == label) ? 2.5 : 0.0;
                x[i * features + f] = (float) (centre + random.nextGaussian());
            }
        }
        NDArray data = manager.create(x, new Shape(samples, features));
        NDArray labels = manager.create(y, new Shape(samples));
        return new ArrayDataset.Builder().setData(data).optLabels(labels).setSampling(batchSize, false).build();
    }
}
