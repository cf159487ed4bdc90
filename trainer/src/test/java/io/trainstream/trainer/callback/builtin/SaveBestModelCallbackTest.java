package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.ResumableCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.ScriptedMetric;
import io.trainstream.events.history.MetricNotFoundException;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.schedule.LearningRate;
import io.trainstream.trainer.schedule.StepLrScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.assertSameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.checkpointExtras;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.checkpointSections;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.sameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SaveBestModelCallbackTest {

    @TempDir
    Path dir;

    /**
     * The callback driven by hand on a trainer that has trained one epoch (so the model is initialised
     * and a scheduler exists), with the history reset to epoch 1.
     */
    @Nested
    class DrivenDirectly {

        private Model model;
        private NDManager manager;
        private Trainer trainer;
        private RunHistory history;
        private Path file;

        @BeforeEach
        void trainOneEpoch() {
            model = mlp("save-best");
            manager = NDManager.newBaseManager();
            LearningRate lr = LearningRate.of(0.01f);
            trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    ai.djl.training.optimizer.Optimizer.adam().optLearningRateTracker(lr).build(), Callbacks.none());
            trainer.train(blobs(manager, 32, 1),
                    epochs(1).schedulerFactory(context -> new StepLrScheduler(lr, 100, 0.5)).build());
            history = trainer.runHistory();
            history.reset();
            file = dir.resolve("best.zip");
        }

        @AfterEach
        void close() {
            trainer.close();
            manager.close();
            model.close();
        }

        private void epochEndsWith(SaveBestModelCallback testSubject, double score) {
            history.updateMetric("score", score);
            testSubject.onTrainingRunEpochEnd(trainer);
            history.incrementEpoch();
        }

        @Test
        void savesACheckpointForTheFirstValueWithTheMetricUnderItsOwnName() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            testSubject.onTrainingRunStart(trainer);

            epochEndsWith(testSubject, 0.5);

            assertThat(file).exists();
            assertThat(checkpointExtras(file)).containsOnly(entry("score", 0.5), entry("epoch", 1));
            assertThat(testSubject.best()).isEqualTo(0.5);
            assertThat(testSubject.bestEpoch()).isEqualTo(1);
        }

        @Test
        void savesAgainOnlyOnAStrictImprovement() throws IOException {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.5);
            Files.delete(file);

            epochEndsWith(testSubject, 0.5);
            epochEndsWith(testSubject, 0.75);
            assertThat(file).as("an equal or worse value saves nothing").doesNotExist();
            assertThat(testSubject.bestEpoch()).isEqualTo(1);

            epochEndsWith(testSubject, 0.25);
            assertThat(checkpointExtras(file)).as("the improvement is saved under the metric's name, not 'loss'")
                    .containsOnly(entry("score", 0.25), entry("epoch", 4));
            assertThat(testSubject.best()).isEqualTo(0.25);
            assertThat(testSubject.bestEpoch()).isEqualTo(4);
        }

        @Test
        void withGreaterIsBetterSavesOnlyWhenTheValueRises() throws IOException {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", true);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.5);
            Files.delete(file);

            epochEndsWith(testSubject, 0.25);
            assertThat(file).doesNotExist();

            epochEndsWith(testSubject, 0.75);
            assertThat(checkpointExtras(file)).containsOnly(entry("score", 0.75), entry("epoch", 3));
        }

        @Test
        void bothSaveFlagsApplyToEverySaveIncludingTheFirst() {
            SaveBestModelCallback without = new SaveBestModelCallback(file, "score", false, true, false, false, true);
            without.onTrainingRunStart(trainer);
            epochEndsWith(without, 0.5);
            assertThat(checkpointSections(file)).containsExactlyInAnyOrder("model_state_dict", "extras.json");
            epochEndsWith(without, 0.25);
            assertThat(checkpointSections(file)).containsExactlyInAnyOrder("model_state_dict", "extras.json");

            Path withFile = dir.resolve("with.zip");
            SaveBestModelCallback with = new SaveBestModelCallback(withFile, "score", false, true, true, true, true);
            with.onTrainingRunStart(trainer);
            epochEndsWith(with, 0.5);
            assertThat(checkpointSections(withFile)).containsExactlyInAnyOrder("model_state_dict",
                    "optimizer_state_dict", "scheduler_state_dict", "extras.json");
        }

        @Test
        void withResetOnTrainTheBestIsForgottenAtTheNextRunStart() throws IOException {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false, true, true, true, true);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.25);
            Files.delete(file);

            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.75);

            assertThat(file).exists();
            assertThat(testSubject.best()).isEqualTo(0.75);
        }

        @Test
        void withoutResetOnTrainTheBestCarriesOverToTheNextRun() throws IOException {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false, false, true, true, true);
            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.25);
            Files.delete(file);

            testSubject.onTrainingRunStart(trainer);
            epochEndsWith(testSubject, 0.75);

            assertThat(file).doesNotExist();
            assertThat(testSubject.best()).isEqualTo(0.25);
        }

        @Test
        void isImprovementAnswersWithoutChangingAnything() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            testSubject.onTrainingRunStart(trainer);
            assertThat(testSubject.isImprovement(9.0)).as("anything beats no value").isTrue();
            epochEndsWith(testSubject, 0.5);

            assertThat(testSubject.isImprovement(0.5)).isFalse();
            assertThat(testSubject.isImprovement(0.4)).isTrue();
            assertThat(testSubject.best()).isEqualTo(0.5);
        }

        @Test
        void resumingRebuildsTheBestValueAndItsEpochWithoutWritingAFile() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            for (double value : new double[] {0.5, 0.25, 0.375}) {
                history.updateMetric("score", value);
            }

            testSubject.resumeFrom(history, new ResumableCallback.ResumePoint(3, 0, 0));

            assertThat(testSubject.best()).isEqualTo(0.25);
            assertThat(testSubject.bestEpoch()).isEqualTo(2);
            assertThat(file).doesNotExist();
            assertThat(testSubject.isImprovement(0.3)).isFalse();
        }

        @Test
        void resumingFromAHistoryOfTheLastEpochsOnlyCountsEpochsBackFromTheResumePoint() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", true);
            history.updateMetric("score", 0.5);
            history.updateMetric("score", 0.75);

            testSubject.resumeFrom(history, new ResumableCallback.ResumePoint(5, 0, 0));

            assertThat(testSubject.best()).isEqualTo(0.75);
            assertThat(testSubject.bestEpoch()).isEqualTo(5);
        }

        @Test
        void aDryRunMakesTheDecisionsButWritesAndLoadsNothing() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            testSubject.setDryRun(true);
            testSubject.onTrainingRunStart(trainer);

            epochEndsWith(testSubject, 0.5);
            epochEndsWith(testSubject, 0.25);
            String printed = stdout(() -> testSubject.onTrainingRunEnd(trainer));

            assertThat(testSubject.best()).isEqualTo(0.25);
            assertThat(testSubject.bestEpoch()).isEqualTo(2);
            assertThat(file).doesNotExist();
            assertThat(printed).doesNotContain("Loading checkpoint");
        }

        @Test
        void aWatchedMetricThatWasNeverRecordedFailsWithAnErrorNamingIt() {
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "eval_accuracy", true);
            testSubject.onTrainingRunStart(trainer);

            assertThatThrownBy(() -> testSubject.onTrainingRunEpochEnd(trainer))
                    .isInstanceOfSatisfying(MetricNotFoundException.class,
                            e -> assertThat(e.metricName()).isEqualTo("eval_accuracy"))
                    .hasMessageContaining("'eval_accuracy'")
                    .hasMessageContaining("SaveBestModelCallback");
            assertThat(file).doesNotExist();
        }
    }

    @Nested
    class InARealTrainingRun {

        private final Map<Integer, Map<String, float[]>> weightsAtEpochEnd = new HashMap<>();

        private EventLog weightRecorder(Model model) {
            return new EventLog().on("trainingRunEpochEnd",
                    t -> weightsAtEpochEnd.put(t.runHistory().currentEpoch(), weights(model)));
        }

        @Test
        void reloadsTheWeightsOfTheBestEpochAtTheEndOfTheRun() {
            Path file = dir.resolve("best.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            try (Model model = mlp("save-best-e2e"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 0.5, 0.25, 0.375, 0.3), testSubject,
                            weightRecorder(model))) {
                ArrayDataset train = blobs(manager, 96, 1);

                String printed = stdout(() -> trainer.train(train, epochs(4).build()));

                assertThat(sameWeights(weightsAtEpochEnd.get(2), weightsAtEpochEnd.get(4)))
                        .as("training changed the weights after epoch 2").isFalse();
                assertSameWeights(weights(model), weightsAtEpochEnd.get(2));
                assertThat(printed).contains("Loading checkpoint with score: 0.25 from epoch 2");
                assertThat(checkpointExtras(file)).containsOnly(entry("score", 0.25), entry("epoch", 2));
            }
        }

        @Test
        void reloadsTheBestWeightsAlsoAfterAnEarlyStop() {
            Path file = dir.resolve("best.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            EarlyStoppingCallback earlyStopping = new EarlyStoppingCallback(2, 0.01, "score", false, true);
            try (Model model = mlp("save-best-stop"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 0.5, 0.25, 0.375, 0.3, 0.2),
                            weightRecorder(model), testSubject, earlyStopping)) {
                ArrayDataset train = blobs(manager, 96, 1);

                trainer.train(train, epochs(5).build());

                assertThat(trainer.runHistory().currentEpoch()).as("stopped in epoch 4").isEqualTo(4);
                assertSameWeights(weights(model), weightsAtEpochEnd.get(2));
            }
        }

        @Test
        void aRunThatSavedNothingLoadsNothingAndDoesNotFail() {
            Path file = dir.resolve("never.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false);
            // patience 0 stops the run at the end of epoch 1, before the save callback sees that epoch
            EarlyStoppingCallback stopAtOnce = new EarlyStoppingCallback(0, 0.01, "score", false, true);
            EventLog log = new EventLog();
            AtomicReference<Map<String, float[]>> atTrainEpochEnd = new AtomicReference<>();
            log.on("trainEpochEnd", t -> atTrainEpochEnd.set(weights(t.model())));
            try (Model model = mlp("save-best-none"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, log, new ScriptedMetric("score", 0.5), stopAtOnce, testSubject)) {
                ArrayDataset train = blobs(manager, 64, 1);

                String printed = stdout(() -> trainer.train(train, epochs(3).build()));

                assertThat(file).doesNotExist();
                assertThat(printed).contains("No checkpoint was saved in this run; keeping the current weights")
                        .doesNotContain("Loading checkpoint");
                assertSameWeights(weights(model), atTrainEpochEnd.get());
            }
        }

        @Test
        void aFileSavedByAnEarlierRunIsNotLoadedWhenThisRunSavedNothing() {
            Path file = dir.resolve("stale.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false, false, true, true, true);
            try (Model model = mlp("save-best-stale"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 0.25, 0.5, 0.75), testSubject,
                            weightRecorder(model))) {
                ArrayDataset train = blobs(manager, 64, 1);
                trainer.train(train, epochs(1).build());
                assertThat(file).exists();

                trainer.train(train, epochs(2).build());

                assertThat(checkpointExtras(file)).containsEntry("epoch", 1);
                assertSameWeights(weights(model), weightsAtEpochEnd.get(2));
            }
        }

        @Test
        void doesNotLoadAnythingWhenLoadingIsSwitchedOff() {
            Path file = dir.resolve("noload.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "score", false, true, true, true, false);
            try (Model model = mlp("save-best-noload"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, new ScriptedMetric("score", 0.25, 0.5), testSubject,
                            weightRecorder(model))) {
                trainer.train(blobs(manager, 64, 1), epochs(2).build());

                assertThat(checkpointExtras(file)).containsEntry("epoch", 1);
                assertSameWeights(weights(model), weightsAtEpochEnd.get(2));
            }
        }

        @Test
        void anEvaluateOnlyRunSavesNothing() {
            Path file = dir.resolve("eval-only.zip");
            SaveBestModelCallback testSubject = new SaveBestModelCallback(file, "eval_loss_epoch", false);
            try (Model model = mlp("save-best-evaluate"); NDManager manager = NDManager.newBaseManager();
                    Trainer trainer = trainer(model, testSubject)) {
                trainer.evaluate(blobs(manager, 64, 2), EvalConfig.withBatchSize(32));

                assertThat(file).doesNotExist();
                assertThat(trainer.runHistory().metricValues("evaluation_loss")).hasSize(1);
            }
        }
    }
}
