package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.ScriptedMetric;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.MetricNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingCallbackTest {

    // values are exact binary fractions, so "a gain equal to the threshold" is exactly equal
    private static final double THRESHOLD = 0.25;

    @Nested
    class DrivenDirectly {

        private final InMemoryRunHistory history = new InMemoryRunHistory();
        private Model model;
        private Trainer trainer;

        @BeforeEach
        void createTrainer() {
            model = mlp("early-stopping");
            trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), null, Callbacks.none(), history);
        }

        @AfterEach
        void closeTrainer() {
            trainer.close();
            model.close();
        }

        /** Records the value as the epoch's watched metric, ends the epoch and moves to the next one. */
        private void epochEndsWith(EarlyStoppingCallback testSubject, String metric, double value) {
            history.updateMetric(metric, value);
            testSubject.onTrainingRunEpochEnd(trainer);
            history.incrementEpoch();
        }

        private void epochEndsWith(EarlyStoppingCallback testSubject, double value) {
            epochEndsWith(testSubject, "eval_loss_epoch", value);
        }

        @Test
        void theFirstValueOnlySetsTheBaselineAndPrintsNothing() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(1, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);

            String printed = stdout(() -> epochEndsWith(testSubject, 1.0));

            assertThat(testSubject.best()).isEqualTo(1.0);
            assertThat(testSubject.counter()).isZero();
            assertThat(printed).isEmpty();
        }

        @Test
        void aGainEqualToTheThresholdIsNotAnImprovement() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(3, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 1.0);

            String printed = stdout(() -> epochEndsWith(testSubject, 0.75));

            assertThat(testSubject.counter()).isEqualTo(1);
            assertThat(testSubject.best()).isEqualTo(1.0);
            assertThat(printed).isEqualTo("No improvement above threshold observed, incrementing counter. "
                    + System.lineSeparator() + "Early stopping counter: 1/3" + System.lineSeparator());
        }

        @Test
        void aGainAboveTheThresholdResetsTheCounterAndMovesTheBaseline() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(3, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 1.0);
            epochEndsWith(testSubject, 1.5);
            assertThat(testSubject.counter()).isEqualTo(1);

            String printed = stdout(() -> epochEndsWith(testSubject, 0.625));

            assertThat(testSubject.counter()).isZero();
            assertThat(testSubject.best()).isEqualTo(0.625);
            assertThat(printed).isEqualTo("\nImprovement of 0.375 observed, resetting counter. " + System.lineSeparator()
                    + "Early stopping counter: 0/3" + System.lineSeparator());
        }

        @Test
        void aWorseValueIncrementsTheCounterAndKeepsTheBaseline() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(3, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 1.0);

            epochEndsWith(testSubject, 2.0);

            assertThat(testSubject.counter()).isEqualTo(1);
            assertThat(testSubject.best()).isEqualTo(1.0);
        }

        @Test
        void subThresholdGainsNeverMoveTheBaseline() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(5, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 1.0);

            epochEndsWith(testSubject, 0.875);
            assertThat(testSubject.best()).isEqualTo(1.0);
            assertThat(testSubject.counter()).isEqualTo(1);

            // 0.25 better than 0.875 (not an improvement), but 0.375 better than the kept baseline 1.0
            epochEndsWith(testSubject, 0.625);
            assertThat(testSubject.best()).isEqualTo(0.625);
            assertThat(testSubject.counter()).isZero();
        }

        @Test
        void withGreaterIsBetterOnlyARiseAboveTheThresholdIsAnImprovement() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(5, THRESHOLD, "accuracy", true, true);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, "accuracy", 0.5);

            epochEndsWith(testSubject, "accuracy", 0.125);
            assertThat(testSubject.counter()).as("a large fall is no improvement").isEqualTo(1);
            assertThat(testSubject.best()).isEqualTo(0.5);

            epochEndsWith(testSubject, "accuracy", 0.75);
            assertThat(testSubject.counter()).as("a rise equal to the threshold").isEqualTo(2);

            epochEndsWith(testSubject, "accuracy", 0.875);
            assertThat(testSubject.counter()).isZero();
            assertThat(testSubject.best()).isEqualTo(0.875);
            assertThat(testSubject.watchMetric()).isEqualTo("accuracy");
            assertThat(testSubject.greaterIsBetter()).isTrue();
        }

        @Test
        void stopsWhenTheCounterReachesThePatienceWithTheReferenceMessage() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(2, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 1.0);
            epochEndsWith(testSubject, 1.0);

            assertThatThrownBy(() -> epochEndsWith(testSubject, 0.9))
                    .isInstanceOf(StopTrainingException.class)
                    .hasMessage("Stopping training due to no improvement after 2 epochs");
            assertThat(testSubject.counter()).isEqualTo(2);
        }

        @Test
        void patienceZeroStopsAfterTheFirstEpoch() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(0, THRESHOLD);
            testSubject.onTrainingRunStart(trainer);

            assertThatThrownBy(() -> epochEndsWith(testSubject, 1.0))
                    .isInstanceOf(StopTrainingException.class)
                    .hasMessage("Stopping training due to no improvement after 0 epochs");
        }

        @Test
        void aWatchedMetricThatWasNeverRecordedFailsWithAnErrorNamingIt() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback();
            testSubject.onTrainingRunStart(trainer);
            history.updateMetric("train_loss_epoch", 1.0);

            assertThatThrownBy(() -> testSubject.onTrainingRunEpochEnd(trainer))
                    .isInstanceOfSatisfying(MetricNotFoundException.class,
                            e -> assertThat(e.metricName()).isEqualTo("eval_loss_epoch"))
                    .hasMessageContaining("'eval_loss_epoch'")
                    .hasMessageContaining("EarlyStoppingCallback");
        }

        @Test
        void observeAppliesTheDecisionRuleWithoutPrintingOrStopping() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(0, THRESHOLD);

            String printed = stdout(() -> {
                assertThat(testSubject.observe(1.0)).as("the first value is no improvement").isFalse();
                assertThat(testSubject.observe(0.75)).as("a gain equal to the threshold").isFalse();
                assertThat(testSubject.observe(0.5)).isTrue();
            });

            assertThat(printed).isEmpty();
            assertThat(testSubject.best()).isEqualTo(0.5);
            assertThat(testSubject.counter()).isZero();
            assertThat(testSubject.shouldStop()).as("patience 0").isTrue();
        }

        @Test
        void resumingRebuildsBestAndCounterFromTheRecordedValuesOfTheWatchedMetric() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(3, THRESHOLD);
            testSubject.restoreState(0.0, 2);
            for (double value : new double[] {1.0, 0.875, 0.625, 0.625}) {
                history.updateMetric("eval_loss_epoch", value);
            }

            testSubject.resumeFrom(trainer.runHistory(), new ResumableCallback.ResumePoint(4, 0, 0));

            assertThat(testSubject.best()).isEqualTo(0.625);
            assertThat(testSubject.counter()).isEqualTo(1);
            epochEndsWith(testSubject, 0.625);
            assertThatThrownBy(() -> epochEndsWith(testSubject, 0.625)).isInstanceOf(StopTrainingException.class);
        }

        @Test
        void theDefaultsArePatienceOneThresholdOneHundredthOnEvalLossLowerIsBetter() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback();

            assertThat(testSubject.patience()).isEqualTo(1);
            assertThat(testSubject.threshold()).isEqualTo(0.01);
            assertThat(testSubject.watchMetric()).isEqualTo("eval_loss_epoch");
            assertThat(testSubject.greaterIsBetter()).isFalse();
        }

        @Test
        void rejectsANegativePatienceOrThreshold() {
            assertThatThrownBy(() -> new EarlyStoppingCallback(-1, 0.1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new EarlyStoppingCallback(1, -0.1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new EarlyStoppingCallback(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class InARealTrainingRun {

        @Test
        void stopsTrainingWhenTheEvalLossStopsImprovingByTheThreshold() {
            // the eval loss of this problem starts near 1.1, so it can never improve by more than 10
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(2, 10.0);
            EventLog before = new EventLog();
            EventLog after = new EventLog() {};
            try (Model model = mlp("early-e2e"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, before, testSubject, after)) {
                ArrayDataset train = blobs(manager, 96, 1);
                ArrayDataset eval = blobs(manager, 64, 2);

                trainer.train(train, epochs(10).evalDataset(eval).build());

                assertThat(trainer.runHistory().currentEpoch()).as("stopped in epoch 3, not incremented").isEqualTo(3);
                assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).hasSize(3);
                assertThat(before.named("trainingRunEpochEnd")).containsExactly("trainingRunEpochEnd:1",
                        "trainingRunEpochEnd:2", "trainingRunEpochEnd:3");
                assertThat(after.named("trainingRunEpochEnd")).as("the stop aborts dispatch of that event")
                        .containsExactly("trainingRunEpochEnd:1", "trainingRunEpochEnd:2");
                assertThat(after.named("stop"))
                        .containsExactly("stop:Stopping training due to no improvement after 2 epochs");
                assertThat(after.events).endsWith("stop:Stopping training due to no improvement after 2 epochs",
                        "trainingRunEnd");
            }
        }

        @Test
        void withResetOnTrainTheSecondTrainCallStartsAfresh() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(2, THRESHOLD, "score", false, true);
            EventLog log = new EventLog();
            try (Model model = mlp("early-reset"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 1.0, 1.0, 1.0, 1.0), testSubject, log)) {
                ArrayDataset train = blobs(manager, 64, 1);
                trainer.train(train, epochs(2).build());
                assertThat(testSubject.counter()).isEqualTo(1);

                trainer.train(train, epochs(2).build());

                assertThat(log.named("stop")).isEmpty();
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);
                assertThat(testSubject.counter()).isEqualTo(1);
            }
        }

        @Test
        void withoutResetOnTrainTheCounterAndBaselineCarryOverToTheNextTrainCall() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(2, THRESHOLD, "score", false, false);
            EventLog log = new EventLog();
            try (Model model = mlp("early-carry"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 1.0, 1.0, 1.0, 1.0), testSubject, log)) {
                ArrayDataset train = blobs(manager, 64, 1);
                trainer.train(train, epochs(2).build());
                assertThat(testSubject.counter()).isEqualTo(1);

                trainer.train(train, epochs(2).build());

                assertThat(log.named("stop"))
                        .containsExactly("stop:Stopping training due to no improvement after 2 epochs");
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(1);
                assertThat(testSubject.best()).isEqualTo(1.0);
            }
        }

        @Test
        void watchingTheEvalLossWithoutAnEvalDatasetFailsTheRunNamingTheMetric() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback();
            try (Model model = mlp("early-missing"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, testSubject)) {
                ArrayDataset train = blobs(manager, 64, 1);

                assertThatThrownBy(() -> trainer.train(train, epochs(2).build()))
                        .isInstanceOf(MetricNotFoundException.class)
                        .hasMessageContaining("eval_loss_epoch");
            }
        }

        @Test
        void aRunThatKeepsImprovingIsNotStopped() {
            EarlyStoppingCallback testSubject = new EarlyStoppingCallback(1, THRESHOLD, "score", false, true);
            try (Model model = mlp("early-improving"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 3.0, 2.0, 1.0), testSubject)) {
                ArrayDataset train = blobs(manager, 64, 1);

                assertThatCode(() -> trainer.train(train, epochs(3).build())).doesNotThrowAnyException();
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(4);
            }
        }
    }
}
