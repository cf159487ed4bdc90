package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitEvalStepsCallbackTest {

    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createModelAndData() {
        model = mlp("limit-eval");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 320, 1); // 10 batches: intermediate evaluations after batch indices 3, 6, 9
        eval = blobs(manager, 160, 2); // 5 batches
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    @Test
    void intermediateEvaluationsReallyRunOnlyKStepsAndTheEpochEvaluationRunsInFull() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitEvalStepsCallback(2), new StepBasedEvaluationCallback(3), log)) {
            String printed = stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(log.evalEpochSteps()).containsExactly("true:2", "true:2", "true:2", "false:5");
            assertThat(printed.split("Limiting evaluation to 2 steps per process", -1)).hasSize(4);
        }
    }

    @Test
    void withLimitIntermediateOnlyFalseEveryEvaluationIsLimited() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitEvalStepsCallback(2, false), new StepBasedEvaluationCallback(3),
                log)) {
            stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertThat(log.evalEpochSteps()).containsExactly("true:2", "true:2", "true:2", "false:2",
                    "true:2", "true:2", "true:2", "false:2");
        }
    }

    @Test
    void withoutIntermediateEvaluationsTheDefaultLimitsNothing() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitEvalStepsCallback(2), log)) {
            String printed = stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertThat(log.evalEpochSteps()).containsExactly("false:5", "false:5");
            assertThat(printed).doesNotContain("Limiting evaluation");
        }
    }

    @Test
    void theFullEvalLoaderIsRestoredAfterEachLimitedEpoch() {
        EventLog log = new EventLog();
        LimitEvalStepsCallback testSubject = new LimitEvalStepsCallback(2, false);
        try (Trainer trainer = trainer(model, testSubject, log)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(log.evalEpochSteps()).containsExactly("false:2");
            assertThat(trainer.evalDataloader().size()).isEqualTo(5);
        }
    }

    @Test
    void limitsAnEvaluateOnlyRunWhenNotRestrictedToIntermediateEvaluations() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitEvalStepsCallback(3, false), log)) {
            stdout(() -> trainer.evaluate(eval, EvalConfig.withBatchSize(32)));

            assertThat(log.evalEpochSteps()).containsExactly("false:3");
        }
    }

    @Test
    void rejectsANonPositiveNumberOfSteps() {
        assertThatThrownBy(() -> new LimitEvalStepsCallback(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
