package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.WsdCheckpointCallback;
import io.trainstream.trainer.checkpoint.OptimizerState;
import io.trainstream.trainer.checkpoint.TrainingStates;
import io.trainstream.trainer.schedule.CosineLrScheduler;
import io.trainstream.trainer.schedule.LearningRate;
import io.trainstream.trainer.schedule.StepLrScheduler;
import io.trainstream.trainer.schedule.WsdLrScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Schedulers and the WSD checkpoint callback inside real {@code train()} runs. */
class SchedulerTrainingTest {

    @TempDir
    Path dir;

    /** Records the rate each optimizer update actually uses. */
    static final class RateRecordingTrainer extends Trainer {
        private final LearningRate rate;
        final List<Float> used = new ArrayList<>();

        RateRecordingTrainer(Model model, LearningRate rate, WsdCheckpointCallback... callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), Optimizer.sgd().setLearningRateTracker(rate).build(),
                    List.of(callbacks));
            this.rate = rate;
        }

        @Override
        protected void optimizerStep() {
            used.add(rate.value());
            super.optimizerStep();
        }
    }

    @Test
    void aWarmUpEpochWithAccumulationUsesTheReferenceRatesUpdateForUpdate() throws Exception {
        // issue 14: 1 warm-up epoch, 10 batches, accumulation 3 (4 updates per epoch), 3 epochs
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/reference/scheduler_values.json")) {
            reference = java.util.stream.StreamSupport.stream(new ObjectMapper().readTree(in).get("cases").spliterator(), false)
                    .filter(c -> c.get("name").asText().equals("issue14_warmup_epoch")).findFirst().orElseThrow();
        }
        LearningRate rate = LearningRate.of(0.01f);
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("cosine", 8, 3);
                RateRecordingTrainer trainer = new RateRecordingTrainer(model, rate)) {
            trainer.train(TestData.blobs(manager, 40, 6, 1, 4), TrainConfig.builder().numEpochs(3).perDeviceBatchSize(4)
                    .gradientAccumulationSteps(3).schedulerFactory(CosineLrScheduler.builder(rate).numWarmupEpochs(1)
                            .warmupStartingLr(0.0).factory()).build());
            assertThat(trainer.used).hasSize(12);
            // update 1 uses the rate set at construction, update k the value the (k-1)-th step applied
            assertThat(trainer.used.get(0)).isEqualTo((float) reference.get("before").get(0).asDouble());
            for (int k = 1; k < 12; k++) {
                assertThat(trainer.used.get(k)).as("update %d", k + 1)
                        .isCloseTo((float) reference.get("after").get(0).get(k - 1).asDouble(), within(1e-9f));
            }
            assertThat(trainer.used.subList(0, 4)).containsExactly(0.0f, 0.0f, 0.0025f, 0.005f);
            CosineLrScheduler scheduler = (CosineLrScheduler) trainer.scheduler();
            assertThat(scheduler.settings().totalUpdates()).isEqualTo(12);
            assertThat(scheduler.settings().warmupUpdates()).isEqualTo(4);
        }
    }

    @Test
    void theWsdCallbackSavesAPreDecayStateAndAPostDecayCheckpointAtThePlannedSteps() {
        Path saveDir = dir.resolve("wsd");
        LearningRate rate = LearningRate.of(0.05f);
        WsdCheckpointCallback callback = WsdCheckpointCallback.builder().saveDir(saveDir).build();
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("wsd", 8, 3);
                RateRecordingTrainer trainer = new RateRecordingTrainer(model, rate, callback)) {
            // 2 epochs × 10 updates = 20; decay over the last 2 updates: pre-decay at 18, period end at 20
            trainer.train(TestData.blobs(manager, 40, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4)
                    .schedulerFactory(WsdLrScheduler.builder(rate).numWarmupSteps(0).factory()).build());
            assertThat(callback.checkpointSteps()).containsExactly(20);
            Path preDecay = saveDir.resolve("checkpoint_18_wsd_pre_decay");
            Path postDecay = saveDir.resolve("checkpoint_20_wsd_post_decay.zip");
            assertThat(preDecay.resolve(TrainingStates.METADATA_FILE)).exists();
            assertThat(postDecay).exists();
            assertThat(callback.lastCheckpointStep()).isEqualTo(20L);
            // update k uses the value for index k-2: the decay (from index 18, at the base) starts to bite
            // only after the last update, where the scheduler has applied index 19
            assertThat(trainer.used).hasSize(20).allSatisfy(v -> assertThat(v).isEqualTo(0.05f));
            assertThat(trainer.scheduler().currentValue()).isLessThan(0.05f);

            Map<String, Object> post = trainer.loadCheckpoint(postDecay);
            assertThat(post).containsEntry("step", 20).containsEntry("checkpoint_type", "wsd_post_decay")
                    .containsEntry("decay_fraction", 0.1).containsKeys("total_steps", "timestamp");
            Map<String, Object> pre = trainer.loadTrainingState(preDecay);
            assertThat(pre).containsEntry("step", 18).containsEntry("checkpoint_type", "wsd_pre_decay");
            // the pre-decay state holds the scheduler after 18 updates
            assertThat(((WsdLrScheduler) trainer.scheduler()).stepsTaken()).isEqualTo(18);
        }
    }

    @Test
    void aContinuationLoadsThePreDecayStateAndStaysStableUntilItsOwnDecay() {
        Path saveDir = dir.resolve("wsd");
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("wsd2", 8, 3)) {
            LearningRate first = LearningRate.of(0.05f);
            try (RateRecordingTrainer trainer = new RateRecordingTrainer(model, first,
                    WsdCheckpointCallback.builder().saveDir(saveDir).build())) {
                trainer.train(TestData.blobs(manager, 40, 6, 1, 4), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4)
                        .schedulerFactory(WsdLrScheduler.builder(first).numWarmupSteps(0).factory()).build());
            }
            LearningRate second = LearningRate.of(0.05f);
            WsdCheckpointCallback continuing = WsdCheckpointCallback.builder().saveDir(saveDir.resolve("next"))
                    .initialCheckpoint(saveDir.resolve("checkpoint_18_wsd_pre_decay")).build();
            try (RateRecordingTrainer trainer = new RateRecordingTrainer(model, second, continuing)) {
                trainer.train(TestData.blobs(manager, 40, 6, 2, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4)
                        .schedulerFactory(WsdLrScheduler.builder(second).continuationFromCheckpoint(true).factory()).build());
                // 10 new updates, decaying over the last one; the loaded state did not restart a warm-up
                assertThat(trainer.used.subList(0, 10)).allSatisfy(v -> assertThat(v).isEqualTo(0.05f));
                assertThat(saveDir.resolve("next").resolve("checkpoint_9_wsd_pre_decay")).exists();
                assertThat(saveDir.resolve("next").resolve("checkpoint_10_wsd_post_decay.zip")).exists();
            }
        }
    }

    @Test
    void theWsdCallbackRefusesAScheduleWithoutCheckpoints() {
        LearningRate rate = LearningRate.of(0.05f);
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("nowsd", 8, 3);
                RateRecordingTrainer trainer = new RateRecordingTrainer(model, rate,
                        WsdCheckpointCallback.builder().saveDir(dir).build())) {
            assertThatThrownBy(() -> trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder()
                    .numEpochs(1).perDeviceBatchSize(4).schedulerFactory(context -> new StepLrScheduler(rate, 5, 0.5)).build()))
                    .isInstanceOf(TrainerConfigurationException.class).hasMessageContaining("StepLrScheduler");
        }
    }

    @Test
    void theOptimizerStateIsReadableWithoutReflectionAndIsACopy() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("adam", 8, 3);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.train(TestData.blobs(manager, 24, 6, 1, 8), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(8).build());
            OptimizerState state = trainer.optimizerState();
            assertThat(state.numUpdate()).isEqualTo(6);
            assertThat(state.stateByField()).containsKeys("means", "variances");
            float[] mean = state.get("means", "02Linear_weight");
            assertThat(mean).hasSize(8 * 6).matches(values -> {
                for (float v : values) {
                    if (v != 0) {
                        return true;
                    }
                }
                return false;
            }, "has non-zero moments");
            mean[0] = 42;
            assertThat(state.get("means", "02Linear_weight")[0]).isNotEqualTo(42);
            assertThatThrownBy(() -> state.get("momentum", "02Linear_weight")).hasMessageContaining("means");
        }
    }
}
