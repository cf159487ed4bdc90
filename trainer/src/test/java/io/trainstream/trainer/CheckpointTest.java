package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.checkpoint.CheckpointException;
import io.trainstream.trainer.checkpoint.Checkpoints;
import io.trainstream.trainer.schedule.LearningRate;
import io.trainstream.trainer.schedule.StepLrScheduler;
import io.trainstream.trainer.schedule.IntValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    private static final String FIRST_WEIGHT = "02Linear_weight";

    @TempDir
    Path dir;

    @Test
    void aCheckpointRestoresWeightsAndReturnsItsExtraEntriesAtTopLevel() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("ckpt", 8, 3);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.train(TestData.blobs(manager, 24, 6, 1, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
            Path file = dir.resolve("model.zip");
            Map<String, float[]> saved = weights(model);
            assertThat(saved).containsKey(FIRST_WEIGHT);
            trainer.saveCheckpoint(file, Map.of("eval_loss_epoch", 0.25, "note", "best"));

            trainer.train(TestData.blobs(manager, 24, 6, 2, 8), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(8).build());
            assertThat(weights(model).get(FIRST_WEIGHT)).isNotEqualTo(saved.get(FIRST_WEIGHT));

            Map<String, Object> loaded = trainer.loadCheckpoint(file);
            // only the user's keys come back; the sections are asked for separately
            assertThat(loaded).containsOnlyKeys("eval_loss_epoch", "note").containsEntry("eval_loss_epoch", 0.25)
                    .containsEntry("note", "best");
            assertThat(Checkpoints.sections(file)).containsExactlyInAnyOrder(Checkpoints.MODEL, Checkpoints.OPTIMIZER);
            weights(model).forEach((name, values) -> assertThat(values).containsExactly(saved.get(name)));
        }
    }

    @Test
    void loadingSchedulerStateIntoATrainerWithoutSchedulerFailsUnlessSkipped() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("sched", 8, 3)) {
            LearningRate lr = LearningRate.of(0.1f);
            Path file = dir.resolve("with-scheduler.zip");
            try (Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(lr).build(), Callbacks.none())) {
                trainer.train(TestData.blobs(manager, 24, 6, 1, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8)
                        .schedulerFactory(StepLrScheduler.factory(lr, IntValue.of(1), 0.5)).build());
                trainer.saveCheckpoint(file, null);
                assertThat(trainer.loadCheckpoint(file)).isEmpty();
                assertThat(Checkpoints.sections(file)).contains(Checkpoints.SCHEDULER);
                // a later train() without a factory drops the scheduler (reference bug 6.8 fixed)
                trainer.train(TestData.blobs(manager, 24, 6, 1, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
                assertThat(trainer.scheduler()).isNull();
                assertThatThrownBy(() -> trainer.loadCheckpoint(file, true, true))
                        .isInstanceOf(CheckpointException.class).hasMessageContaining("no scheduler");
                assertThat(trainer.loadCheckpoint(file, true, false)).isEmpty();
            }
        }
    }

    @Test
    void aMissingOrCorruptCheckpointGivesAnErrorNamingTheFile() throws Exception {
        try (Model model = TestData.mlp("missing", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.train(TestData.blobs(manager, 8, 6, 1, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
            Path missing = dir.resolve("nope.zip");
            assertThatThrownBy(() -> trainer.loadCheckpoint(missing)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("not found").hasMessageContaining(missing.toString());
            Path corrupt = Files.write(dir.resolve("corrupt.zip"), new byte[] {1, 2, 3, 4});
            assertThatThrownBy(() -> trainer.loadCheckpoint(corrupt)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(corrupt.toString());
        }
    }

    @Test
    void optimizerStateRoundTripsSoTrainingContinuesIdentically() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("adam.zip");
            float[] continued;
            float[] restored;
            try (Model model = TestData.mlp("adam-a", 8, 3); Trainer trainer = new Trainer(model,
                    Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
                trainer.train(TestData.blobs(manager, 24, 6, 1, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
                trainer.saveCheckpoint(file, null);
                trainer.train(TestData.blobs(manager, 24, 6, 2, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
                continued = weights(model).get(FIRST_WEIGHT);
            }
            try (Model model = TestData.mlp("adam-b", 8, 3); Trainer trainer = new Trainer(model,
                    Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
                trainer.train(TestData.blobs(manager, 24, 6, 7, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
                trainer.loadCheckpoint(file);
                trainer.train(TestData.blobs(manager, 24, 6, 2, 8), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(8).build());
                restored = weights(model).get(FIRST_WEIGHT);
            }
            assertThat(restored).containsExactly(continued, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    private static Map<String, float[]> weights(Model model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            weights.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return weights;
    }
}
