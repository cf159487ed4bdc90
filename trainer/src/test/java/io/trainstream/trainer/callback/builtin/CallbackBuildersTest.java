package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builders give the reference's defaults and set one option without forcing others; eval steps are indexed. */
class CallbackBuildersTest {

    @Test
    void earlyStoppingDefaultsAreTheReferenceAndGreaterIsBetterDoesNotForceTheResetFlag() {
        EarlyStoppingCallback defaults = EarlyStoppingCallback.builder().build();
        assertThat(defaults.patience()).isEqualTo(1);
        assertThat(defaults.threshold()).isEqualTo(0.01);
        assertThat(defaults.watchMetric()).isEqualTo("eval_loss_epoch");
        assertThat(defaults.greaterIsBetter()).isFalse();

        EarlyStoppingCallback testSubject = EarlyStoppingCallback.builder().greaterIsBetter(true).watchMetric("accuracy")
                .patience(2).build();
        assertThat(testSubject.greaterIsBetter()).isTrue();
        // reset on train stays on: a second run forgets the first run's best value
        testSubject.observe(0.9);
        testSubject.onTrainingRunStart(null);
        assertThat(testSubject.best()).isNull();
        EarlyStoppingCallback carrying = EarlyStoppingCallback.builder().resetOnTrain(false).build();
        carrying.observe(0.5);
        carrying.onTrainingRunStart(null);
        assertThat(carrying.best()).isEqualTo(0.5);
        assertThatThrownBy(() -> EarlyStoppingCallback.builder().patience(-1).build()).hasMessageContaining("patience");
    }

    @Test
    void saveBestModelAndSaveTrainingStateBuildersKeepTheReferenceDefaults() {
        SaveBestModelCallback best = SaveBestModelCallback.builder().greaterIsBetter(true).build();
        assertThat(best.savePath()).isEqualTo(Path.of("best_model.zip"));
        assertThat(best.watchMetric()).isEqualTo("eval_loss_epoch");
        assertThat(best.greaterIsBetter()).isTrue();

        SaveTrainingStateCallback states = SaveTrainingStateCallback.builder().saveDir(Path.of("states"))
                .maxCheckpoints(2).build();
        assertThat(states.savedStates()).isEmpty();
        assertThatThrownBy(() -> SaveTrainingStateCallback.builder().saveEveryNSteps(0).build())
                .hasMessageContaining("saveEveryNSteps");

        ModelEmaCallback ema = ModelEmaCallback.emaBuilder().decay(0.9).build();
        assertThat(ema.savePath()).isEqualTo(Path.of("ema_model.zip"));
        assertThat(ema.watchMetric()).isEqualTo("ema_model_eval_loss_epoch");
        assertThatThrownBy(() -> ModelEmaCallback.emaBuilder().decay(2).build()).hasMessageContaining("decay");

        WsdCheckpointCallback wsd = WsdCheckpointCallback.builder().build();
        assertThat(wsd.saveDir()).isEqualTo(Path.of("checkpoints"));
    }

    /** Records the eval step index and flag as callbacks and the eval hook see them. */
    static final class EvalStepRecorder implements TrainerCallback {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onEvalStepStart(Trainer trainer, int evalStep, boolean isIntermediate) {
            seen.add("start " + evalStep + (isIntermediate ? " i" : ""));
        }

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput out, int evalStep, boolean isIntermediate) {
            seen.add("end " + evalStep + (isIntermediate ? " i" : ""));
        }
    }

    @Test
    void evalStepCallbacksAndHooksGetTheEvalStepIndexAndTheIntermediateFlag() {
        EvalStepRecorder recorder = new EvalStepRecorder();
        List<String> fromHook = new ArrayList<>();
        List<Integer> oldStyle = new ArrayList<>();
        TrainerCallback threeArgument = new TrainerCallback() {
            @Override
            public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput batchOutput) {
                oldStyle.add(trainer.currentEvalStep());
            }
        };
        try (NDManager manager = NDManager.newBaseManager(); Model model = mlp("eval-index")) {
            ArrayDataset train = blobs(manager, 128, 1); // 4 batches
            ArrayDataset eval = blobs(manager, 64, 2); // 2 batches
            try (Trainer trainer = new Trainer(model, ai.djl.training.loss.Loss.softmaxCrossEntropyLoss(),
                    TrainingFixtures.adam(), List.of(new StepBasedEvaluationCallback(2), recorder, threeArgument)) {
                @Override
                protected StepOutput calculateEvalBatchLoss(Batch batch) {
                    fromHook.add(currentEvalStep() + (isIntermediateEval() ? " i" : ""));
                    return super.calculateEvalBatchLoss(batch);
                }
            }) {
                stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));
                assertThat(trainer.isIntermediateEval()).isFalse();
            }
        }
        // one intermediate evaluation after batch index 2, then the epoch's own evaluation
        assertThat(recorder.seen).containsExactly("start 0 i", "end 0 i", "start 1 i", "end 1 i", "start 0", "end 0",
                "start 1", "end 1");
        assertThat(fromHook).containsExactly("0 i", "1 i", "0", "1");
        assertThat(oldStyle).as("overriding the three-argument method still works").containsExactly(0, 1, 0, 1);
    }
}
