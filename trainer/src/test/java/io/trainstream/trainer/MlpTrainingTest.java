package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.schedule.LearningRate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MlpTrainingTest {

    @Test
    void aRealMlpLearnsSeparableBlobs() {
        try (Model model = TestData.mlp("mlp", 32, 3); NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = TestData.blobs(manager, 600, 12, 1, 32);
            ArrayDataset eval = TestData.blobs(manager, 300, 12, 2, 32);
            LearningRate lr = LearningRate.of(0.01f);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(lr).build(), Callbacks.defaults(false))) {
                trainer.train(train, TrainConfig.builder().numEpochs(5).evalDataset(eval).perDeviceBatchSize(32).build());

                List<Double> trainLoss = trainer.runHistory().metricValues("train_loss_epoch");
                List<Double> evalLoss = trainer.runHistory().metricValues("eval_loss_epoch");
                assertThat(trainLoss).hasSize(5);
                assertThat(evalLoss).hasSize(5);
                assertThat(trainLoss.get(4)).isLessThan(trainLoss.get(0) * 0.5);
                assertThat(evalLoss.get(4)).isLessThan(evalLoss.get(0));
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(6);
                assertThat(accuracy(model, trainer, eval, manager)).isGreaterThan(0.9);
            }
        }
    }

    private static double accuracy(Model model, Trainer trainer, ArrayDataset eval, NDManager manager) {
        int correct = 0;
        int total = 0;
        for (var batch : new io.trainstream.trainer.data.DataLoader(eval,
                LoaderOptions.defaults().resolve(64, false), null, manager, () -> 0)) {
            try (batch) {
                NDList out = trainer.session().evaluate(batch.getData());
                long[] predicted = out.head().argMax(1).toLongArray();
                float[] labels = batch.getLabels().head().toFloatArray();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == (long) labels[i] ? 1 : 0;
                    total++;
                }
            }
        }
        return correct / (double) total;
    }
}
