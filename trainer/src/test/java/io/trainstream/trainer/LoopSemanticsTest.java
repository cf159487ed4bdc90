package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Accumulation, clipping, max steps, epoch losses, modes and evaluate(), per the reference's §2. */
class LoopSemanticsTest {

    /** Records the loss each train step handed to callbacks, and the batch sizes. */
    static final class StepLosses implements TrainerCallback {
        final List<Double> scaledLosses = new ArrayList<>();
        final List<Double> trueLosses = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Boolean> evalRequiresGrad = new ArrayList<>();

        @Override
        public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            scaledLosses.add(output.lossValue());
            trueLosses.add(trainer.lastStepLoss());
            batchSizes.add(output.batchSize());
        }

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            evalRequiresGrad.add(output.loss().hasGradient() || output.modelOutputs().head().hasGradient());
        }
    }

    @Test
    void withAccumulationCallbacksSeeTheScaledLossButTheEpochLossIsTheTrueSampleWeightedMean() {
        StepLosses steps = new StepLosses();
        try (Model model = TestData.mlp("accum", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.sgd()
                        .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.01f)).build(), Callbacks.of(steps))) {
            // 10 samples, batch 4 -> batches of 4, 4, 2: the last one is smaller
            trainer.train(TestData.blobs(manager, 10, 6, 1, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                    .gradientAccumulationSteps(2).build());

            assertThat(steps.batchSizes).containsExactly(4, 4, 2);
            for (int i = 0; i < 3; i++) {
                assertThat(steps.scaledLosses.get(i)).isCloseTo(steps.trueLosses.get(i) / 2, within(1e-6));
            }
            double weighted = (steps.trueLosses.get(0) * 4 + steps.trueLosses.get(1) * 4 + steps.trueLosses.get(2) * 2) / 10;
            assertThat(trainer.runHistory().latestMetric("train_loss_epoch")).isCloseTo(weighted, within(1e-6));
            // updates after batch 2 and after the last (partial) group
            assertThat(trainer.globalStep()).isEqualTo(2);
            assertThat(trainer.runConfig().numUpdateStepsPerEpoch()).isEqualTo(2);
        }
    }

    @Test
    void maxTrainStepsReplacesTheEpochCountAndStopsTheBatchLoopButEvalAndEpochEndStillRun() {
        List<String> timeline = new ArrayList<>();
        try (Model model = TestData.mlp("max", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(new Recording.RecordingCallback(timeline)))) {
            // 5 updates per epoch; 7 updates => ceil(7/5) = 2 epochs, the second cut after 2 updates
            trainer.train(TestData.blobs(manager, 20, 6, 1, 4), TrainConfig.builder().numEpochs(10).perDeviceBatchSize(4)
                    .maxNumTrainSteps(7).evalDataset(TestData.blobs(manager, 8, 6, 2, 4)).build());

            assertThat(trainer.runConfig().numEpochs()).isEqualTo(2);
            assertThat(trainer.globalStep()).isEqualTo(7);
            assertThat(timeline.stream().filter(e -> e.startsWith("event:train_step_end"))).hasSize(7);
            assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).hasSize(2);
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);

            // counted per run: a second run with history kept is not cut short (reference bug 6.1 fixed)
            trainer.train(TestData.blobs(manager, 20, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4)
                    .resetRunHistory(false).build());
            assertThat(trainer.globalStep()).isEqualTo(10);
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(5);
        }
    }

    @Test
    void gradientClippingBoundsEveryGradientElementBeforeTheUpdate() {
        double clip = 1e-4;
        List<Float> maxAbsGradient = new ArrayList<>();
        try (Model model = TestData.mlp("clip", 8, 3); NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.sgd()
                    .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build(), Callbacks.none()) {
                @Override
                protected void optimizerStep() {
                    for (Pair<String, Parameter> pair : model().getBlock().getParameters()) {
                        try (NDArray gradient = pair.getValue().getArray().getGradient()) {
                            maxAbsGradient.add(gradient.abs().max().getFloat());
                        }
                    }
                    super.optimizerStep();
                }
            };
            try (trainer) {
                trainer.train(TestData.blobs(manager, 16, 6, 1, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                        .gradientClipValue(clip).build());
            }
        }
        assertThat(maxAbsGradient).isNotEmpty().allSatisfy(g -> assertThat((double) g).isLessThanOrEqualTo(clip + 1e-9));
        assertThat(maxAbsGradient).anySatisfy(g -> assertThat((double) g).isCloseTo(clip, within(1e-9)));
    }

    @Test
    void evalRunsInEvalModeWithoutRecordingGradientsAndTrainEpochsRestoreTrainMode() {
        StepLosses steps = new StepLosses();
        List<Boolean> modes = new ArrayList<>();
        TrainerCallback modeProbe = new TrainerCallback() {
            @Override
            public void onTrainStepStart(Trainer trainer) {
                modes.add(trainer.isTrainingMode());
            }

            @Override
            public void onEvalStepStart(Trainer trainer) {
                modes.add(trainer.isTrainingMode());
            }
        };
        try (Model model = TestData.mlp("modes", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(steps, modeProbe))) {
            trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4)
                    .evalDataset(TestData.blobs(manager, 8, 6, 2, 4)).build());
            // per epoch: 2 train steps (true), then 2 eval steps (false)
            assertThat(modes).containsExactly(true, true, false, false, true, true, false, false);
            assertThat(steps.evalRequiresGrad).containsOnly(false);
        }
    }

    @Test
    void evaluateResetsTheHistoryAndRecordsEvaluationLossOnly() {
        try (Model model = TestData.mlp("evaluate", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4).build());
            trainer.evaluate(TestData.blobs(manager, 12, 6, 2, 4), EvalConfig.withBatchSize(5));

            assertThat(trainer.runHistory().metricNames()).containsExactly("evaluation_loss");
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(1);
            RunConfig config = trainer.runConfig();
            assertThat(config.numEpochs()).isEqualTo(1);
            assertThat(config.maxNumTrainSteps()).isEqualTo(1);
            assertThat(config.evalPerDeviceBatchSize()).isEqualTo(5);
            assertThat(config.numUpdateStepsPerEpoch()).isZero();
            // evaluate() keeps the previous train() loader options, as the reference's stale value
            assertThat(config.trainDlKwargs()).containsEntry("batch_size", "4");
        }
    }

    @Test
    void anEmptyEvalLoaderRecordsNaNWithoutFailing() {
        try (Model model = TestData.mlp("empty", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            ArrayDataset train = TestData.blobs(manager, 8, 6, 1, 4);
            ArrayDataset twoSamples = TestData.blobs(manager, 2, 6, 2, 4);
            trainer.train(train, TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).evalDataset(twoSamples)
                    .evalLoaderOptions(LoaderOptions.defaults().withDropLast(true)).build());
            assertThat(trainer.runHistory().latestMetric("eval_loss_epoch")).isNaN();
        }
    }

    @Test
    void gatherWithOneProcessOnlyDropsRowsMadeEntirelyOfPadding() {
        try (Model model = TestData.mlp("gather", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            NDArray rows = manager.create(new float[] {1, 2, -1, -1, 3, -1}, new Shape(3, 2));
            assertThat(trainer.gather(rows).toFloatArray()).containsExactly(1, 2, -1, -1, 3, -1);
            assertThat(trainer.gather(rows, -1).toFloatArray()).containsExactly(1, 2, 3, -1);
        }
    }
}
