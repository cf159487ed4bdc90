package io.trainstream.consumers.replay;

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

/** Small seeded data and model for the replay tests that train for real: three separable blobs, a tiny MLP. */
final class BlobRuns {

    private BlobRuns() {}

    /** @return an MLP (6 features, {@code hidden} units, 3 classes) with the engine seeded first */
    static Model mlp(String name, int hidden, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Model model = Model.newInstance(name);
        model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(3).build()));
        return model;
    }

    /** @return {@code n} rows of 6 features in three noisy blobs (class = row % 3), in order, in batches */
    static ArrayDataset blobs(NDManager manager, int n, long seed, int batchSize) {
        Random random = new Random(seed);
        float[] x = new float[n * 6];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int f = 0; f < 6; f++) {
                x[i * 6 + f] = (float) ((f % 3 == i % 3 ? 1.0 : 0.0) + random.nextGaussian());
            }
        }
        return new ArrayDataset.Builder().setData(manager.create(x, new Shape(n, 6)))
                .optLabels(manager.create(y, new Shape(n))).setSampling(batchSize, false).build();
    }
}
