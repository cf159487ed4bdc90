package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import io.trainstream.events.history.MetricNotFoundException;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
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
import static org.assertj.core.api.Assertions.within;

class ModelEmaCallbackTest {

    private static final double DECAY = 0.75;

    @TempDir
    Path dir;

    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;
    private final AtomicReference<Map<String, float[]>> atRunStart = new AtomicReference<>();
    private final AtomicReference<Map<String, float[]>> atTrainEpochEnd = new AtomicReference<>();
    private EventLog snapshots;

    @BeforeEach
    void createModelAndData() {
        model = mlp("ema");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 96, 1);
        eval = blobs(manager, 64, 2);
        snapshots = new EventLog()
                .on("trainingRunStart", t -> atRunStart.set(weights(model)))
                .on("trainEpochEnd", t -> atTrainEpochEnd.set(weights(model)));
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    private ModelEmaCallback emaCallback(Path file, boolean evaluate, List<TrainerCallback> own) {
        return new ModelEmaCallback(DECAY, evaluate, file, "ema_model_eval_loss_epoch", false, own);
    }

    @Test
    void afterOneEpochTheEmaIsDecayTimesTheStartWeightsPlusTheRestTimesTheEpochsWeights() {
        ModelEmaCallback testSubject = emaCallback(dir.resolve("ema.zip"), true, List.of());
        try (Trainer trainer = trainer(model, snapshots, testSubject)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            Map<String, float[]> start = atRunStart.get();
            Map<String, float[]> trained = atTrainEpochEnd.get();
            assertThat(sameWeights(start, trained)).as("the epoch changed the weights").isFalse();
            Map<String, float[]> ema = testSubject.emaWeights();
            assertThat(ema.keySet()).containsExactlyElementsOf(start.keySet());
            ema.forEach((name, values) -> {
                for (int i = 0; i < values.length; i++) {
                    double expected = DECAY * start.get(name)[i] + (1 - DECAY) * trained.get(name)[i];
                    assertThat((double) values[i]).as("%s[%d]", name, i).isCloseTo(expected, within(1e-6));
                }
            });
        }
    }

    @Test
    void theEmaIsUpdatedOncePerEpochNotPerStep() {
        ModelEmaCallback testSubject = emaCallback(dir.resolve("ema.zip"), true, List.of());
        AtomicReference<Map<String, float[]>> emaAfterFirstEpoch = new AtomicReference<>();
        EventLog after = new EventLog() {}.on("trainingRunEpochEnd", t -> {
            if (t.runHistory().currentEpoch() == 1) {
                emaAfterFirstEpoch.set(testSubject.emaWeights());
            }
        });
        try (Trainer trainer = trainer(model, snapshots, testSubject, after)) {
            stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            Map<String, float[]> secondEpoch = atTrainEpochEnd.get();
            testSubject.emaWeights().forEach((name, values) -> {
                for (int i = 0; i < values.length; i++) {
                    double expected = DECAY * emaAfterFirstEpoch.get().get(name)[i] + (1 - DECAY) * secondEpoch.get(name)[i];
                    assertThat((double) values[i]).as("%s[%d]", name, i).isCloseTo(expected, within(1e-6));
                }
            });
        }
    }

    @Test
    void theEmaIsEvaluatedAfterEachEvalEpochWithItsOwnCallbacksAndPrefixedMetrics() {
        EventLog emaOwn = new EventLog();
        EventLog outer = new EventLog() {};
        ModelEmaCallback testSubject = emaCallback(dir.resolve("ema.zip"), true, List.of(emaOwn));
        try (Trainer trainer = trainer(model, testSubject, outer)) {
            String printed = stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            RunHistory history = trainer.runHistory();
            List<Double> emaLoss = history.metricValues("ema_model_eval_loss_epoch");
            List<Double> modelLoss = history.metricValues("eval_loss_epoch");
            assertThat(emaLoss).hasSize(2);
            assertThat(modelLoss).hasSize(2);
            assertThat(emaLoss).isNotEqualTo(modelLoss);
            assertThat(history.metricNamePrefix()).isEmpty();
            assertThat(emaOwn.evalEpochSteps()).containsExactly("false:2", "false:2");
            assertThat(emaOwn.count("trainEpochStart")).isZero();
            assertThat(outer.evalEpochSteps()).as("the EMA evaluation is not dispatched to the trainer's callbacks")
                    .containsExactly("false:2", "false:2");
            assertThat(printed).contains("Running evaluation on EMA model");
        }
    }

    @Test
    void theModelKeepsItsOwnWeightsAtTheEndOfTheRun() {
        ModelEmaCallback testSubject = emaCallback(dir.resolve("ema.zip"), true, List.of());
        try (Trainer trainer = trainer(model, snapshots, testSubject)) {
            stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertSameWeights(weights(model), atTrainEpochEnd.get());
            assertThat(sameWeights(weights(model), testSubject.emaWeights())).isFalse();
        }
    }

    @Test
    void theEmaCheckpointHoldsTheEmaWeightsAndItsEvalLoss() {
        Path file = dir.resolve("ema.zip");
        ModelEmaCallback testSubject = emaCallback(file, true, List.of());
        try (Trainer trainer = trainer(model, testSubject)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));
            Map<String, float[]> ema = testSubject.emaWeights();
            double emaLoss = trainer.runHistory().latestMetric("ema_model_eval_loss_epoch");

            assertThat(file).isRegularFile();
            assertThat(checkpointSections(file)).as("saved without optimizer state").doesNotContain("optimizer_state_dict");
            assertThat(checkpointExtras(file)).containsEntry("ema_model_eval_loss_epoch", emaLoss).containsEntry("epoch", 1);

            trainer.loadCheckpoint(file, false, false);
            assertSameWeights(weights(model), ema);
        }
    }

    @Test
    void withoutEvaluationTheEmaIsSavedEveryEpoch() {
        Path file = dir.resolve("ema-every-epoch.zip");
        ModelEmaCallback testSubject = emaCallback(file, false, List.of());
        try (Trainer trainer = trainer(model, testSubject)) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(file).isRegularFile();
            assertThat(checkpointExtras(file)).containsEntry("epoch", 2);
            Map<String, float[]> ema = testSubject.emaWeights();
            trainer.loadCheckpoint(file, false, false);
            assertSameWeights(weights(model), ema);
        }
    }

    @Test
    void evaluatingTheEmaWithoutAnEvalDatasetFailsNamingTheMetric() {
        ModelEmaCallback testSubject = emaCallback(dir.resolve("ema.zip"), true, List.of());
        try (Trainer trainer = trainer(model, testSubject)) {
            assertThatThrownBy(() -> trainer.train(train, epochs(1).build()))
                    .isInstanceOf(MetricNotFoundException.class)
                    .hasMessageContaining("ema_model_eval_loss_epoch");
        }
    }

    @Test
    void canBeUsedTogetherWithSaveBestModel() {
        Path best = dir.resolve("best.zip");
        Path ema = dir.resolve("ema.zip");
        try (Trainer trainer = trainer(model, new SaveBestModelCallback(best, "eval_loss_epoch", false),
                emaCallback(ema, true, List.of()))) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(best).isRegularFile();
            assertThat(ema).isRegularFile();
        }
    }

    @Test
    void rejectsADecayOutsideZeroToOne() {
        assertThatThrownBy(() -> new ModelEmaCallback(1.5, true, dir.resolve("x.zip"), "m", false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelEmaCallback(Double.NaN, true, dir.resolve("x.zip"), "m", false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
