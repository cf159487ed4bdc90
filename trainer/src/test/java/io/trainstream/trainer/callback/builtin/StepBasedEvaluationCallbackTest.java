package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.assertSameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepBasedEvaluationCallbackTest {

    private final StepBasedEvaluationCallback testSubject = new StepBasedEvaluationCallback(3);
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createData() {
        manager = NDManager.newBaseManager();
        train = blobs(manager, 320, 1); // 10 batches, indices 0..9
        eval = blobs(manager, 96, 2); // 3 batches
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void evaluatesAfterBatchIndicesNTwoNAndSoOnButNeverAtIndexZero() {
        List<Integer> stepsAtEvaluation = new ArrayList<>();
        TrainerCallback recorder = new TrainerCallback() {
            @Override
            public void onEvalEpochStart(Trainer trainer, boolean isIntermediate) {
                if (isIntermediate) {
                    stepsAtEvaluation.add(trainer.currentStep());
                }
            }
        };
        try (Model model = mlp("step-eval-steps"); Trainer trainer = trainer(model, testSubject, recorder)) {
            String printed = stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertThat(stepsAtEvaluation).containsExactly(3, 6, 9, 3, 6, 9);
            assertThat(printed).contains("\nRunning evaluation after 3 training steps", "\nResuming training...");
        }
    }

    @Test
    void theIntermediateEvaluationHappensBeforeThatBatchsBackwardAndTheNextBatch() {
        EventLog log = new EventLog();
        try (Model model = mlp("step-eval-order"); Trainer trainer = trainer(model, log, testSubject)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            int evalStart = log.events.indexOf("evalEpochStart:true");
            assertThat(log.events.subList(evalStart - 1, evalStart)).containsExactly("trainStepEnd:3");
            assertThat(log.events.subList(evalStart, log.events.size())).startsWith("evalEpochStart:true",
                    "evalStepStart", "evalStepEnd");
            int evalEnd = log.events.indexOf("evalEpochEnd:true");
            assertThat(log.events.get(evalEnd + 1)).isEqualTo("trainStepStart:4");
        }
    }

    @Test
    void everyEvalEventOfTheIntermediateEvaluationFiresWithIsIntermediateTrue() {
        EventLog log = new EventLog();
        try (Model model = mlp("step-eval-events"); Trainer trainer = trainer(model, testSubject, log)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(log.evalEpochSteps()).containsExactly("true:3", "true:3", "true:3", "false:3");
            assertThat(log.named("evalEpochStart")).containsExactly("evalEpochStart:true", "evalEpochStart:true",
                    "evalEpochStart:true", "evalEpochStart:false");
            assertThat(log.count("evalStepStart")).isEqualTo(12);
        }
    }

    @Test
    void intermediateEvalLossIsRecordedForTheEvaluationAndDeletedAfterwards() {
        List<Integer> valuesSeenAtIntermediateEnd = new ArrayList<>();
        TrainerCallback recorder = new TrainerCallback() {
            @Override
            public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
                if (isIntermediate) {
                    valuesSeenAtIntermediateEnd.add(trainer.runHistory().metricValues("intermediate_eval_loss").size());
                }
            }
        };
        try (Model model = mlp("step-eval-metric"); Trainer trainer = trainer(model, testSubject, recorder)) {
            stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            RunHistory history = trainer.runHistory();
            assertThat(valuesSeenAtIntermediateEnd).containsExactly(1, 1, 1, 1, 1, 1);
            assertThat(history.metricNames()).doesNotContain("intermediate_eval_loss");
            assertThat(history.metricValues("eval_loss_epoch")).hasSize(2);
            assertThat(history.metricValues("train_loss_epoch")).hasSize(2);
        }
    }

    @Test
    void theModelIsBackInTrainingModeForTheRestOfTheEpoch() {
        List<Boolean> trainingModeAtStepStart = new ArrayList<>();
        EventLog log = new EventLog().on("trainStepStart", t -> trainingModeAtStepStart.add(t.isTrainingMode()));
        try (Model model = mlp("step-eval-mode"); Trainer trainer = trainer(model, testSubject, log)) {
            stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(trainingModeAtStepStart).hasSize(10).containsOnly(true);
        }
    }

    @Test
    void theEpochTrainLossAndTheTrainedWeightsAreTheSameAsWithoutTheCallback() {
        List<Double> trainLossWithout;
        List<Double> evalLossWithout;
        Map<String, float[]> weightsWithout;
        try (Model model = mlp("step-eval-baseline"); Trainer trainer = trainer(model)) {
            trainer.train(train, epochs(2).evalDataset(eval).build());
            trainLossWithout = trainer.runHistory().metricValues("train_loss_epoch");
            evalLossWithout = trainer.runHistory().metricValues("eval_loss_epoch");
            weightsWithout = weights(model);
        }

        try (Model model = mlp("step-eval-with"); Trainer trainer = trainer(model, testSubject)) {
            stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertThat(trainer.runHistory().metricValues("train_loss_epoch")).isEqualTo(trainLossWithout);
            assertThat(trainer.runHistory().metricValues("eval_loss_epoch")).isEqualTo(evalLossWithout);
            assertSameWeights(weights(model), weightsWithout);
        }
    }

    @Test
    void withoutAnEvalDatasetNothingIsEvaluated() {
        EventLog log = new EventLog();
        try (Model model = mlp("step-eval-none"); Trainer trainer = trainer(model, testSubject, log)) {
            trainer.train(train, epochs(1).build());

            assertThat(log.count("evalEpochStart")).isZero();
        }
    }

    @Test
    void rejectsANonPositiveInterval() {
        assertThatThrownBy(() -> new StepBasedEvaluationCallback(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
