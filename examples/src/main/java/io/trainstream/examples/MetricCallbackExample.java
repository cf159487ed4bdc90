package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.schedule.LearningRate;

import java.util.List;

/** Tracks accuracy with a callback while training on iris (the seed's "tracking metrics" example). */
public final class MetricCallbackExample {

    private MetricCallbackExample() {}

    /**
     * What the run recorded.
     *
     * @param accuracy accuracy after each epoch
     * @param evalLoss eval loss after each epoch
     */
    public record Result(List<Double> accuracy, List<Double> evalLoss) {}

    /** @param args ignored */
    public static void main(String[] args) {
        Result result = runExample(8);
        System.out.println("accuracy per epoch: " + result.accuracy());
    }

    /**
     * @param epochs epochs to train
     * @return the accuracy and eval loss per epoch
     */
    public static Result runExample(int epochs) {
        try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("iris-mlp", 16, 3)) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.01f)).build(),
                    Callbacks.defaults(false).plus(new AccuracyCallback()))) {
                trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).evalDataset(data.eval())
                        .perDeviceBatchSize(16).build());
                double accuracy = trainer.runHistory().latestMetric("accuracy");
                trainer.print("final accuracy: " + accuracy);
                return new Result(List.copyOf(trainer.runHistory().metricValues("accuracy")),
                        List.copyOf(trainer.runHistory().metricValues("eval_loss_epoch")));
            }
        }
    }
}
