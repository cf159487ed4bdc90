package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.callback.builtin.SaveTrainingStateCallback;
import io.trainstream.trainer.checkpoint.CheckpointException;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Resuming from a saved training state continues the epoch count and the history. */
class ResumeTest {

    @TempDir
    Path dir;

    @Test
    void aRunResumedFromAnEpochStateEndsWithTheHistoryOfAnUninterruptedRun() {
        List<Double> uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            try (Model model = TestData.mlp("full", 16, 3); Trainer trainer = newTrainer(model, Callbacks.none())) {
                trainer.train(data(manager, 1), config(manager, 4).build());
                uninterrupted = trainer.runHistory().metricValues("train_loss_epoch");
                assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).hasSize(4);
            }

            Path states = dir.resolve("states");
            try (Model model = TestData.mlp("first-half", 16, 3); Trainer trainer = newTrainer(model,
                    Callbacks.of(new SaveTrainingStateCallback(states, 1, null, false, null)))) {
                trainer.train(data(manager, 1), config(manager, 2).build());
            }

            // a new process: a fresh model and trainer, only the saved state
            try (Model model = TestData.mlp("second-half", 16, 3); Trainer trainer = newTrainer(model, Callbacks.none())) {
                trainer.train(data(manager, 1), config(manager, 4).resumeFrom(states.resolve("epoch_2")).build());
                RunHistory history = trainer.runHistory();

                assertThat(history.currentEpoch()).isEqualTo(5);
                assertThat(history.metricValues("eval_loss_epoch")).hasSize(4);
                List<Double> resumed = history.metricValues("train_loss_epoch");
                assertThat(resumed).hasSize(4);
                for (int i = 0; i < 4; i++) {
                    assertThat(resumed.get(i)).isCloseTo(uninterrupted.get(i), within(1e-5));
                }
                // updates continue from the saved count: 2 epochs × 5 updates before, 2 × 5 after
                assertThat(trainer.globalStep()).isEqualTo(20);
            }
        }
    }

    @Test
    void earlyStoppingStateIsRebuiltOnResumeSoTheStoppingDecisionMatchesAnUninterruptedRun() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int uninterruptedStopEpoch;
            try (Model model = TestData.mlp("es-full", 16, 3); Trainer trainer = newTrainer(model,
                    Callbacks.of(new EarlyStoppingCallback(2, 10.0)))) {
                trainer.train(data(manager, 1), config(manager, 6).build());
                uninterruptedStopEpoch = trainer.runHistory().currentEpoch();
            }
            assertThat(uninterruptedStopEpoch).isEqualTo(3);

            Path states = dir.resolve("es-states");
            try (Model model = TestData.mlp("es-first", 16, 3); Trainer trainer = newTrainer(model,
                    Callbacks.of(new SaveTrainingStateCallback(states, 1, null, false, null),
                            new EarlyStoppingCallback(2, 10.0)))) {
                trainer.train(data(manager, 1), config(manager, 2).build());
            }
            EarlyStoppingCallback resumedStopper = new EarlyStoppingCallback(2, 10.0);
            try (Model model = TestData.mlp("es-second", 16, 3); Trainer trainer = newTrainer(model,
                    Callbacks.of(resumedStopper))) {
                trainer.train(data(manager, 1), config(manager, 6).resumeFrom(states.resolve("epoch_2")).build());
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(uninterruptedStopEpoch);
                assertThat(resumedStopper.counter()).isEqualTo(2);
                assertThat(resumedStopper.best()).isEqualTo(trainer.runHistory().metricValues("eval_loss_epoch").get(0));
            }
        }
    }

    @Test
    void aMissingTrainingStateGivesAnErrorNamingTheDirectory() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("missing", 16, 3);
                Trainer trainer = newTrainer(model, Callbacks.none())) {
            Path missing = dir.resolve("no-such-state");
            assertThatThrownBy(() -> trainer.train(data(manager, 1), config(manager, 2).resumeFrom(missing).build()))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining(missing.toString());
        }
    }

    private static Trainer newTrainer(Model model, Callbacks callbacks) {
        return new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), callbacks);
    }

    private static ArrayDataset data(NDManager manager, long seed) {
        return TestData.blobs(manager, 40, 6, seed, 8);
    }

    private static TrainConfig.Builder config(NDManager manager, int epochs) {
        return TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(8).evalDataset(TestData.blobs(manager, 16, 6, 9, 8));
    }
}
