package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.data.DataLoader;
import io.trainstream.trainer.schedule.LearningRate;
import io.trainstream.trainer.schedule.LrScheduler;
import io.trainstream.trainer.schedule.StepLrScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each {@code train()} and {@code evaluate()} call owns its run state: a second call on the same trainer
 * sees none of the first call's loaders, scheduler, update counter, step position, last losses or
 * termination request, while what outlives runs (model, history, callbacks) carries over.
 */
class RunIsolationTest {

    /** What a hook sees of the trainer at one moment. */
    record Seen(RunConfig config, RandomAccessDataset trainDataset, RandomAccessDataset evalDataset,
            DataLoader trainLoader, DataLoader evalLoader, LrScheduler scheduler, long globalStep, int currentStep,
            int currentEvalStep, double lastStepLoss, double lastTrainStepLoss) {

        static Seen of(Trainer trainer) {
            return new Seen(trainer.runConfig(), trainer.trainDataset(), trainer.evalDataset(), trainer.trainDataloader(),
                    trainer.evalDataloader(), trainer.scheduler(), trainer.globalStep(), trainer.currentStep(),
                    trainer.currentEvalStep(), trainer.lastStepLoss(), trainer.lastTrainStepLoss());
        }
    }

    /** Records what its overridden hooks see at the start and end of every run. */
    static final class ProbingTrainer extends Trainer {
        final List<Seen> atStart = new ArrayList<>();
        final List<Seen> atEnd = new ArrayList<>();

        ProbingTrainer(Model model, LearningRate rate, List<TrainerCallback> callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), Optimizer.sgd().setLearningRateTracker(rate).build(), callbacks);
        }

        @Override protected void trainingRunStart() { atStart.add(Seen.of(this)); }
        @Override protected void trainingRunEnd() { atEnd.add(Seen.of(this)); }
        @Override protected void evaluationRunStart() { atStart.add(Seen.of(this)); }
        @Override protected void evaluationRunEnd() { atEnd.add(Seen.of(this)); }
    }

    private static TrainConfig firstRun(RandomAccessDataset eval, LearningRate rate) {
        // 12 samples in batches of 4 with accumulation 2: 3 batches and 2 updates per epoch
        return TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4).gradientAccumulationSteps(2).evalDataset(eval)
                .schedulerFactory(context -> new StepLrScheduler(rate, 5, 0.5)).build();
    }

    @Test
    void aSecondTrainSeesNoneOfTheFirstRunsState() {
        LearningRate rate = LearningRate.of(0.05f);
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("isolation", 8, 3);
                ProbingTrainer testSubject = new ProbingTrainer(model, rate, List.of())) {
            RandomAccessDataset train = TestData.blobs(manager, 12, 6, 1, 4);
            testSubject.train(train, firstRun(TestData.blobs(manager, 6, 6, 2, 4), rate));
            Seen endOfFirst = testSubject.atEnd.get(0);
            // the first run did leave state behind that a leaking trainer would hand on
            assertThat(endOfFirst.globalStep()).isEqualTo(4);
            assertThat(endOfFirst.currentStep()).isEqualTo(2);
            assertThat(endOfFirst.currentEvalStep()).isEqualTo(1);
            assertThat(endOfFirst.lastStepLoss()).isFinite();
            assertThat(endOfFirst.evalLoader()).isNotNull();
            assertThat(endOfFirst.scheduler()).isNotNull();
            // between runs the accessors still describe the run that just ended
            assertThat(testSubject.runConfig()).isSameAs(endOfFirst.config());
            assertThat(testSubject.globalStep()).isEqualTo(4);

            testSubject.train(train, TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build());

            Seen startOfSecond = testSubject.atStart.get(1);
            assertThat(startOfSecond.config().gradientAccumulationSteps()).isEqualTo(1);
            assertThat(startOfSecond.config().evalDlKwargs()).isNull();
            assertThat(startOfSecond.evalDataset()).isNull();
            assertThat(startOfSecond.evalLoader()).isNull();
            assertThat(startOfSecond.scheduler()).isNull();
            assertThat(startOfSecond.globalStep()).isZero();
            assertThat(startOfSecond.currentStep()).isZero();
            assertThat(startOfSecond.currentEvalStep()).isZero();
            assertThat(startOfSecond.lastStepLoss()).isNaN();
            assertThat(startOfSecond.lastTrainStepLoss()).isNaN();
            assertThat(startOfSecond.trainLoader()).isNotSameAs(endOfFirst.trainLoader());
            // counted in this run only: 3 batches, one update each
            assertThat(testSubject.atEnd.get(1).globalStep()).isEqualTo(3);
            assertThat(testSubject.runHistory().metricNames()).containsExactly("train_loss_epoch");
        }
    }

    @Test
    void evaluateAfterTrainingHasNoSchedulerTrainLoaderOrUpdatesOfTheTraining() {
        LearningRate rate = LearningRate.of(0.05f);
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("isolation-eval", 8, 3);
                ProbingTrainer testSubject = new ProbingTrainer(model, rate, List.of())) {
            RandomAccessDataset eval = TestData.blobs(manager, 6, 6, 2, 4);
            testSubject.train(TestData.blobs(manager, 12, 6, 1, 4), firstRun(eval, rate));
            RandomAccessDataset evaluated = TestData.blobs(manager, 9, 6, 3, 3);

            testSubject.evaluate(evaluated, EvalConfig.withBatchSize(3));

            Seen startOfEvaluation = testSubject.atStart.get(1);
            assertThat(startOfEvaluation.globalStep()).isZero();
            assertThat(startOfEvaluation.scheduler()).isNull();
            assertThat(startOfEvaluation.trainDataset()).isNull();
            assertThat(startOfEvaluation.trainLoader()).isNull();
            assertThat(startOfEvaluation.evalDataset()).isSameAs(evaluated);
            assertThat(startOfEvaluation.lastStepLoss()).isNaN();
            // the reference's one deliberate carry-over: the previous train loader options, in the run config
            assertThat(startOfEvaluation.config().trainDlKwargs()).containsEntry("batch_size", "4");
            assertThat(testSubject.atEnd.get(1).currentEvalStep()).isEqualTo(2);
        }
    }

    @Test
    void aHookThatEvaluatesMidRunUsesOnlyItsOwnRunsEvalLoader() {
        LearningRate rate = LearningRate.of(0.05f);
        List<Boolean> evaluating = new ArrayList<>();
        TrainerCallback evaluatesAtEpochEnd = new TrainerCallback() {
            @Override
            public void onTrainEpochEnd(Trainer trainer) {
                evaluating.add(true);
                trainer.runEvalEpoch(true, true);
            }
        };
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("isolation-hook", 8, 3);
                ProbingTrainer testSubject = new ProbingTrainer(model, rate, List.of(evaluatesAtEpochEnd))) {
            RandomAccessDataset train = TestData.blobs(manager, 12, 6, 1, 4);
            testSubject.train(train, firstRun(TestData.blobs(manager, 6, 6, 2, 4), rate));
            assertThat(testSubject.runHistory().metricValues("intermediate_eval_loss")).hasSize(2);
            // used from a hook during the run, the trainer keeps its train position across the evaluation
            assertThat(testSubject.atEnd.get(0).lastTrainStepLoss()).isFinite();
            assertThat(testSubject.atEnd.get(0).currentStep()).isEqualTo(2);

            // the second run has no eval dataset: the first run's eval loader is not there to be used
            assertThatThrownBy(() -> testSubject.train(train, TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build()))
                    .isInstanceOf(TrainerConfigurationException.class).hasMessageContaining("no eval dataset");
            assertThat(evaluating).hasSize(3);
        }
    }

    @Test
    void beforeTheFirstRunThereIsNoRunStateToReadOrEvaluate() {
        try (Model model = TestData.mlp("isolation-none", 8, 3);
                ProbingTrainer testSubject = new ProbingTrainer(model, LearningRate.of(0.05f), List.of())) {
            Seen seen = Seen.of(testSubject);

            assertThat(seen).isEqualTo(new Seen(null, null, null, null, null, null, 0, 0, 0, Double.NaN, Double.NaN));
            assertThat(testSubject.lastRunId()).isNull();
            assertThatThrownBy(() -> testSubject.runEvalEpoch(false, false))
                    .isInstanceOf(TrainerConfigurationException.class).hasMessageContaining("no eval dataset");
        }
    }

    @Test
    void aTerminationRequestEndsOnlyTheRunThatMadeIt() {
        LearningRate rate = LearningRate.of(0.05f);
        TrainerCallback terminatesOnce = new TrainerCallback() {
            private boolean done;

            @Override
            public void onTrainEpochEnd(Trainer trainer) {
                if (!done) {
                    done = true;
                    trainer.requestTermination("first run only");
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("isolation-stop", 8, 3);
                ProbingTrainer testSubject = new ProbingTrainer(model, rate, List.of(terminatesOnce))) {
            RandomAccessDataset train = TestData.blobs(manager, 12, 6, 1, 4);
            TrainConfig oneEpoch = TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build();
            assertThatThrownBy(() -> testSubject.train(train, oneEpoch))
                    .isInstanceOf(TrainingTerminatedException.class).hasMessageContaining("first run only");

            testSubject.train(train, oneEpoch);

            assertThat(testSubject.atEnd).hasSize(2);
            assertThat(testSubject.runHistory().metricValues("train_loss_epoch")).hasSize(1);
        }
    }
}
