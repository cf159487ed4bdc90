package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.PrintProgressCallback;
import io.trainstream.trainer.callback.builtin.ProgressBarCallback;
import io.trainstream.trainer.data.DatasetSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * The default callbacks with their progress bar: one bar per train and eval epoch, advanced once per
 * batch (not per optimizer update), here with gradient accumulation so the two differ.
 */
public final class ProgressBarExample {

    private ProgressBarExample() {}

    /**
     * @param ticksPerEpoch how far each epoch's train bar advanced before it closed
     * @param updates optimizer updates over the run
     */
    public record Result(List<Long> ticksPerEpoch, long updates) {}

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println(runExample(2));
    }

    /**
     * @param epochs epochs to train
     * @return how far the bars advanced, and the updates made
     */
    public static Result runExample(int epochs) {
        ProgressBarCallback progressBar = new ProgressBarCallback();
        List<Long> ticks = new ArrayList<>();
        // runs before the bar's own train-epoch-end, which closes the bar
        TrainerCallback readBar = new TrainerCallback() {
            @Override
            public void onTrainEpochEnd(Trainer trainer) {
                ticks.add(progressBar.trainTicks());
            }
        };
        try (NDManager manager = NDManager.newBaseManager(); Model model = ExampleData.mlp("progress", 16, 3);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(new PrintProgressCallback(), readBar, progressBar))) {
            DatasetSplit data = ExampleData.split(ExampleData.iris(), manager, 16);
            trainer.train(data.train(), TrainConfig.builder().numEpochs(epochs).evalDataset(data.eval())
                    .perDeviceBatchSize(16).gradientAccumulationSteps(2).build());
            return new Result(List.copyOf(ticks), trainer.globalStep());
        }
    }
}
