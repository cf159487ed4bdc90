package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.trainer.data.DatasetSplit;
import io.trainstream.trainer.schedule.LearningRate;

import java.nio.file.Path;
import java.util.List;

/**
 * Early stopping on accuracy together with best-model saving on the eval loss, on the digits data:
 * training stops once accuracy has not improved by more than a point for two epochs, and the weights
 * of the epoch with the lowest eval loss are loaded back at the end.
 */
public final class EarlyStoppingExample {

    private EarlyStoppingExample() {}

    /**
     * What happened.
     *
     * @param evalLosses eval loss per epoch trained
     * @param accuracies accuracy per epoch trained
     * @param evaluationLossAfterRun the eval loss of the weights left in the model after the run
     */
    public record Result(List<Double> evalLosses, List<Double> accuracies, double evaluationLossAfterRun) {}

    /** @param args the directory for the best checkpoint (default the working directory) */
    public static void main(String[] args) {
        Result result = runExample(Path.of(args.length > 0 ? args[0] : "."), 40);
        System.out.println("epochs trained: " + result.evalLosses().size() + ", eval loss of the kept weights: "
                + result.evaluationLossAfterRun());
    }

    /**
     * @param dir where {@code best_model.zip} is written
     * @param maxEpochs the most epochs to train
     * @return the losses and accuracies per epoch and the eval loss of the weights kept
     */
    public static Result runExample(Path dir, int maxEpochs) {
        try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("digits-mlp", 32, 10)) {
            DatasetSplit data = ExampleData.split(ExampleData.digits(), manager, 32);
            // readme:start early-stopping
            EarlyStoppingCallback earlyStopping = EarlyStoppingCallback.builder()
                    .watchMetric("accuracy").greaterIsBetter(true).patience(2).threshold(0.01).build();
            SaveBestModelCallback saveBest = SaveBestModelCallback.builder()
                    .savePath(dir.resolve("best_model.zip")).build();        // watches eval_loss_epoch
            // writers before readers; saving before early stopping, whose stop ends the epoch for later callbacks
            Callbacks callbacks = Callbacks.defaults(false).plus(new AccuracyCallback(), saveBest, earlyStopping);
            // readme:end
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(LearningRate.of(0.01f)).build(), callbacks)) {
                trainer.train(data.train(), TrainConfig.builder().numEpochs(maxEpochs).evalDataset(data.eval())
                        .perDeviceBatchSize(32).build());
                List<Double> losses = List.copyOf(trainer.runHistory().metricValues("eval_loss_epoch"));
                List<Double> accuracies = List.copyOf(trainer.runHistory().metricValues("accuracy"));
                // evaluate() resets the history, so read it first
                trainer.evaluate(data.eval(), EvalConfig.withBatchSize(32));
                return new Result(losses, accuracies, trainer.runHistory().latestMetric("evaluation_loss"));
            }
        }
    }
}
