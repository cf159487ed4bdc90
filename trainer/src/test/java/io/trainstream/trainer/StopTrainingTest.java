package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A StopTrainingException leaves the state the reference's §5 describes. */
class StopTrainingTest {

    private final List<String> timeline = new ArrayList<>();

    @Test
    void stopAtATrainStepEndSkipsTheRestOfTheEpochItsLossItsEvalAndTheEpochIncrement() {
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput output) {
                if (trainer.runHistory().currentEpoch() == 2 && trainer.currentStep() == 1) {
                    throw new StopTrainingException("stop in step");
                }
            }
        };
        Recording.RecordingCallback after = new Recording.RecordingCallback(timeline);
        try (Model model = TestData.mlp("stop-step", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(stopper, after))) {
            trainer.train(TestData.blobs(manager, 16, 6, 1, 4), config(manager));

            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(2);
            assertThat(trainer.runHistory().metricValues("train_loss_epoch")).hasSize(1);
            assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).hasSize(1);
            assertThat(trainer.isTrainingMode()).isTrue();
            // the stopping callback aborted dispatch: the later callback never saw step 1 of epoch 2
            assertThat(lastEvents(4)).containsExactly("event:train_step_end@0", "event:train_step_start",
                    "event:stop_training_error", "event:training_run_end");
        }
    }

    @Test
    void stopAtAnEvalEpochEndKeepsTheEpochsLossesButSkipsTheRunEpochEnd() {
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
                if (trainer.runHistory().currentEpoch() == 2) {
                    throw new StopTrainingException("stop in eval");
                }
            }
        };
        Recording.RecordingCallback before = new Recording.RecordingCallback(timeline);
        try (Model model = TestData.mlp("stop-eval", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(before, stopper))) {
            trainer.train(TestData.blobs(manager, 16, 6, 1, 4), config(manager));

            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(2);
            assertThat(trainer.runHistory().metricValues("train_loss_epoch")).hasSize(2);
            assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).hasSize(2);
            assertThat(trainer.isTrainingMode()).isFalse();
            assertThat(timeline.stream().filter("event:training_run_epoch_end"::equals)).hasSize(1);
            assertThat(lastEvents(3)).containsExactly("event:eval_epoch_end", "event:stop_training_error",
                    "event:training_run_end");
        }
    }

    @Test
    void stopAtTheRunEpochEndSkipsTheIncrementAndLaterCallbacksMissThatEvent() {
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onTrainingRunEpochEnd(Trainer trainer) {
                throw new StopTrainingException("stop at run epoch end");
            }
        };
        Recording.RecordingCallback after = new Recording.RecordingCallback(timeline);
        try (Model model = TestData.mlp("stop-run-epoch", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(stopper, after))) {
            trainer.train(TestData.blobs(manager, 16, 6, 1, 4), config(manager));

            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(1);
            assertThat(timeline).doesNotContain("event:training_run_epoch_end");
            assertThat(lastEvents(3)).containsExactly("event:eval_epoch_end", "event:stop_training_error",
                    "event:training_run_end");
        }
    }

    @Test
    void stopFromTrainingRunStartIsNotCaughtAndEscapesTrain() {
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onTrainingRunStart(Trainer trainer) {
                throw new StopTrainingException("too early");
            }
        };
        try (Model model = TestData.mlp("stop-start", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(stopper))) {
            assertThatThrownBy(() -> trainer.train(TestData.blobs(manager, 16, 6, 1, 4), config(manager)))
                    .isInstanceOf(StopTrainingException.class).hasMessage("too early");
        }
    }

    @Test
    void stopDuringEvaluateFiresStopThenEvaluationRunEnd() {
        TrainerCallback stopper = new TrainerCallback() {
            @Override
            public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
                throw new StopTrainingException("stop in evaluate");
            }
        };
        Recording.RecordingCallback after = new Recording.RecordingCallback(timeline);
        try (Model model = TestData.mlp("stop-evaluate", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(stopper, after))) {
            trainer.evaluate(TestData.blobs(manager, 16, 6, 2, 4), EvalConfig.withBatchSize(4));

            assertThat(trainer.runHistory().metricNames()).doesNotContain("evaluation_loss");
            assertThat(lastEvents(3)).containsExactly("event:eval_step_start", "event:stop_training_error",
                    "event:evaluation_run_end");
        }
    }

    private TrainConfig config(NDManager manager) {
        ArrayDataset eval = TestData.blobs(manager, 8, 6, 2, 4);
        return TrainConfig.builder().numEpochs(3).evalDataset(eval).perDeviceBatchSize(4).build();
    }

    private List<String> lastEvents(int n) {
        return timeline.subList(Math.max(0, timeline.size() - n), timeline.size());
    }
}
