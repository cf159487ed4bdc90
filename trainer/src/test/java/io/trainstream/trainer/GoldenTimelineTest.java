package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.schedule.LearningRate;
import io.trainstream.trainer.schedule.Placeholder;
import io.trainstream.trainer.schedule.StepLrScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordered hooks and events of train-with-eval, 2 epochs, gradient accumulation 2 and an odd number
 * of batches, compared step by step with the reference's timeline (behaviour spec §2.1 and §2.3).
 */
class GoldenTimelineTest {

    private static final int TRAIN_BATCHES = 5;
    private static final int EVAL_BATCHES = 3;

    @Test
    void trainWithEvalFollowsTheReferenceTimelineStepByStep() {
        List<String> timeline = new ArrayList<>();
        try (Model model = TestData.mlp("golden", 8, 3); NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = TestData.blobs(manager, TRAIN_BATCHES * 4, 6, 1, 4);
            ArrayDataset eval = TestData.blobs(manager, EVAL_BATCHES * 4, 6, 2, 4);
            Recording.RecordingCallback callback = new Recording.RecordingCallback(timeline);
            LearningRate lr = LearningRate.of(0.01f);
            try (Recording.RecordingTrainer trainer = new Recording.RecordingTrainer(model,
                    Optimizer.sgd().setLearningRateTracker(lr).build(), Callbacks.of(callback))) {
                trainer.timeline = timeline;
                trainer.train(train, TrainConfig.builder().numEpochs(2).evalDataset(eval).perDeviceBatchSize(4)
                        .gradientAccumulationSteps(2)
                        .schedulerFactory(StepLrScheduler.factory(lr, Placeholder.NUM_UPDATE_STEPS_PER_EPOCH, 0.5))
                        .build());

                assertThat(timeline).containsExactlyElementsOf(expectedTimeline());
                assertThat(trainer.globalStep()).isEqualTo(6);
                assertThat(trainer.runConfig().numUpdateStepsPerEpoch()).isEqualTo(3);
                assertThat(trainer.runConfig().maxNumTrainSteps()).isEqualTo(7);
                assertThat(trainer.runConfig().trainTotalBatchSize()).isEqualTo(8);
                // the step scheduler resolved NUM_UPDATE_STEPS_PER_EPOCH = 3 and halved twice in 6 updates
                assertThat(lr.value()).isEqualTo(0.0025f);
            }
        }
    }

    @Test
    void everyEventOfAnEpochSeesThatEpochAndTheCounterMovesOnlyAfterTheRunEpochEnd() {
        List<String> timeline = new ArrayList<>();
        try (Model model = TestData.mlp("epochs", 8, 3); NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = TestData.blobs(manager, 8, 6, 1, 4);
            Recording.RecordingCallback callback = new Recording.RecordingCallback(timeline);
            try (Trainer trainer = new Trainer(model, ai.djl.training.loss.Loss.softmaxCrossEntropyLoss(),
                    Optimizer.adam().build(), Callbacks.of(callback))) {
                trainer.train(train, TrainConfig.builder().numEpochs(2).perDeviceBatchSize(4).build());
                int firstEpochEnd = timeline.indexOf("event:training_run_epoch_end");
                assertThat(callback.epochs.subList(1, firstEpochEnd + 1)).containsOnly(1);
                assertThat(callback.epochs.get(firstEpochEnd + 1)).isEqualTo(2);
                assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);
            }
        }
    }

    /** Written from the reference's §2.1 text, not from our implementation. */
    private static List<String> expectedTimeline() {
        List<String> expected = new ArrayList<>();
        expected.add("event:init_end");
        expected.add("hook:training_run_start");
        expected.add("event:training_run_start");
        for (int epoch = 1; epoch <= 2; epoch++) {
            expected.add("hook:train_epoch_start");
            expected.add("event:train_epoch_start");
            for (int step = 0; step < TRAIN_BATCHES; step++) {
                expected.add("event:train_step_start");
                expected.add("hook:calculate_train_batch_loss");
                expected.add("event:train_step_end@" + step);
                expected.add("hook:backward_step");
                boolean updateNow = (step + 1) % 2 == 0 || step + 1 == TRAIN_BATCHES;
                if (updateNow) {
                    expected.add("hook:optimizer_step");
                    expected.add("hook:scheduler_step");
                    expected.add("hook:optimizer_zero_grad");
                }
            }
            expected.add("hook:train_epoch_end");
            expected.add("event:train_epoch_end");
            expected.add("hook:eval_epoch_start");
            expected.add("event:eval_epoch_start");
            for (int step = 0; step < EVAL_BATCHES; step++) {
                expected.add("event:eval_step_start");
                expected.add("hook:calculate_eval_batch_loss");
                expected.add("event:eval_step_end");
            }
            expected.add("hook:eval_epoch_end");
            expected.add("event:eval_epoch_end");
            expected.add("hook:training_run_epoch_end");
            expected.add("event:training_run_epoch_end");
        }
        expected.add("hook:training_run_end");
        expected.add("event:training_run_end");
        return expected;
    }

}
