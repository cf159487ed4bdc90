package io.trainstream.trainer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunConfigTest {

    @Test
    void aTrainingRunConfigHasAllSeventeenFieldsWithOneProcessValues() {
        RunConfig config = RunConfig.forTraining(4, null, 10, LoaderOptions.defaults().resolve(8, true),
                LoaderOptions.defaults().withBatchSize(16).resolve(8, false), 3, 0.5);
        assertThat(config.toMap()).hasSize(17)
                .containsEntry("num_epochs", 4)
                .containsEntry("train_per_device_batch_size", 8)
                .containsEntry("eval_per_device_batch_size", 16)
                .containsEntry("gradient_accumulation_steps", 3)
                .containsEntry("gradient_clip_value", 0.5)
                .containsEntry("train_total_batch_size", 24)
                .containsEntry("eval_total_batch_size", 16)
                .containsEntry("num_update_steps_per_epoch", 4)
                .containsEntry("num_local_update_steps_per_epoch", 4)
                .containsEntry("max_num_train_steps", 17L)
                .containsEntry("is_local_process_zero", true)
                .containsEntry("is_world_process_zero", true)
                .containsEntry("is_distributed", false)
                .containsEntry("mixed_precision", "no")
                .containsEntry("num_processes", 1);
        assertThat(config.trainDlKwargs()).containsEntry("shuffle", "true");
        assertThat(config.evalDlKwargs()).containsEntry("shuffle", "false").containsEntry("batch_size", "16");
    }

    @Test
    void maxStepsReplacesTheEpochCountEvenUpwards() {
        RunConfig config = RunConfig.forTraining(2, 25L, 10, LoaderOptions.defaults().resolve(8, true), null, 1, null);
        assertThat(config.numEpochs()).isEqualTo(3);
        assertThat(config.maxNumTrainSteps()).isEqualTo(25);
        assertThat(config.evalDlKwargs()).isNull();
        assertThat(config.evalPerDeviceBatchSize()).isEqualTo(8);
    }

    @Test
    void loaderOptionsFollowTheReferenceMergeRules() {
        LoaderOptions withSampler = LoaderOptions.defaults().withShuffle(true)
                .withSampler(new ai.djl.training.dataset.SequenceSampler()).resolve(8, true);
        assertThat(withSampler.shuffle()).isNull();
        assertThat(withSampler.toMap()).doesNotContainKey("shuffle");
        assertThat(LoaderOptions.defaults().resolve(8, true).shuffle()).isTrue();
        assertThat(LoaderOptions.defaults().withShuffle(false).resolve(8, true).shuffle()).isFalse();
        assertThat(LoaderOptions.defaults().withBatchSize(3).resolve(8, true).batchSize()).isEqualTo(3);
    }

    @Test
    void badTrainConfigValuesAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> TrainConfig.builder().numEpochs(0).build())
                .isInstanceOf(TrainerConfigurationException.class).hasMessageContaining("numEpochs");
        assertThatThrownBy(() -> TrainConfig.builder().numEpochs(1).gradientAccumulationSteps(0).build())
                .hasMessageContaining("gradientAccumulationSteps");
        assertThatThrownBy(() -> TrainConfig.builder().numEpochs(1).gradientClipValue(-1).build())
                .hasMessageContaining("gradientClipValue");
        assertThatThrownBy(() -> TrainConfig.builder().numEpochs(1).perDeviceBatchSize(0).build())
                .hasMessageContaining("perDeviceBatchSize");
        assertThat(TrainConfig.builder().numEpochs(1).resumeFrom(java.nio.file.Path.of("x")).build().resetRunHistory())
                .isFalse();
    }
}
