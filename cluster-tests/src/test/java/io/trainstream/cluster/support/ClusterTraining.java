package io.trainstream.cluster.support;

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
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.RunInfo;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.schedule.LearningRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real, short DJL training run for the cluster tests: an MLP on three Gaussian blobs with an eval set,
 * publishing every event to the given publisher.
 */
public final class ClusterTraining {

    private static final int FEATURES = 8;
    private static final int BATCH = 32;

    private ClusterTraining() {}

    /**
     * Trains and returns the run id.
     *
     * @param publisher where the events go
     * @param epochs epochs to train
     * @param stepsPerEpoch train batches per epoch
     * @param callbacks extra in-process callbacks (e.g. one that injects a fault)
     * @return the run's id
     */
    public static String run(EventPublisher publisher, int epochs, int stepsPerEpoch, TrainerCallback... callbacks) {
        Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("cluster-mlp"); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build()));
            ArrayDataset train = blobs(manager, BATCH * stepsPerEpoch, 1);
            ArrayDataset eval = blobs(manager, BATCH * 2, 2);
            String[] runId = new String[1];
            List<TrainerCallback> all = new ArrayList<>();
            all.add(new TrainerCallback() {
                @Override
                public void onTrainingRunStart(Trainer trainer) {
                    runId[0] = trainer.runId();   // the trainer forgets it when the run ends
                }
            });
            all.addAll(List.of(callbacks));
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.01f)).build(), all)) {
                trainer.withRunInfo(new RunInfo("cluster-test", Map.of("lr", "0.01"), 7L)).publishTo(publisher);
                trainer.train(train, TrainConfig.builder().numEpochs(epochs).evalDataset(eval)
                        .perDeviceBatchSize(BATCH).build());
                return runId[0];
            }
        }
    }

    private static ArrayDataset blobs(NDManager manager, int samples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[samples * FEATURES];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 3;
            y[i] = label;
            for (int f = 0; f < FEATURES; f++) {
                x[i * FEATURES + f] = (float) ((f % 3 == label ? 2.0 : 0.0) + random.nextGaussian());
            }
        }
        NDArray data = manager.create(x, new Shape(samples, FEATURES));
        NDArray labels = manager.create(y, new Shape(samples));
        return new ArrayDataset.Builder().setData(data).optLabels(labels).setSampling(BATCH, false).build();
    }
}
