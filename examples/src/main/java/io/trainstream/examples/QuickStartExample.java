package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.schedule.CosineLrScheduler;
import io.trainstream.trainer.schedule.LearningRate;

import java.nio.file.Path;
import java.util.List;

/**
 * The README's first example: the default callbacks plus early stopping and best-model saving, a
 * cosine schedule with one warm-up epoch, gradient accumulation, on iris.
 */
public final class QuickStartExample {

    private QuickStartExample() {}

    /**
     * @param evalLosses eval loss per epoch
     * @param rateAfterRun the learning rate the schedule left in place
     */
    public record Result(List<Double> evalLosses, float rateAfterRun) {}

    /** @param args the directory for the best checkpoint (default the working directory) */
    public static void main(String[] args) {
        System.out.println(runExample(Path.of(args.length > 0 ? args[0] : ".")));
    }

    /**
     * @param dir where {@code best_model.zip} is written
     * @return eval losses and the rate left in place
     */
    public static Result runExample(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            return train(data.train(), data.eval(), dir);
        }
    }

    private static Result train(RandomAccessDataset trainSet, RandomAccessDataset evalSet, Path dir) {
        // readme:start quick-start
        LearningRate lr = LearningRate.of(0.01f);
        try (Model model = ExampleData.mlp("iris-mlp", 16, 3);       // its block is set before the trainer is built
             Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                     Optimizer.adam().optLearningRateTracker(lr).build(),
                     Callbacks.defaults().plus(
                             EarlyStoppingCallback.builder().patience(3).threshold(0.001).build(),
                             SaveBestModelCallback.builder().savePath(dir.resolve("best_model.zip")).build()))) {
            trainer.train(trainSet, TrainConfig.builder()
                    .numEpochs(10)
                    .evalDataset(evalSet)
                    .perDeviceBatchSize(16)
                    .gradientAccumulationSteps(2)
                    .schedulerFactory(CosineLrScheduler.builder(lr).numWarmupEpochs(1).factory())
                    .build());
            List<Double> evalLosses = List.copyOf(trainer.runHistory().metricValues("eval_loss_epoch"));
            return new Result(evalLosses, trainer.scheduler().currentValue());
        }
        // readme:end
    }
}
