package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.TrainingTerminatedException;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.adam;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.assertSameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.sameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminateOnNaNCallbackTest {

    private static final String TRAIN_STOP = "stop:Stopping training due to NaN loss in training step";
    private static final String EVAL_STOP = "stop:Stopping training due to NaN loss in validation step";

    private final TerminateOnNaNCallback testSubject = new TerminateOnNaNCallback();
    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createModelAndData() {
        model = mlp("nan");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 96, 1); // 3 batches per epoch
        eval = blobs(manager, 64, 2);
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    /** A trainer whose loss is poisoned (multiplied by NaN or shifted by infinity) at chosen steps. */
    static final class PoisonedTrainer extends Trainer {
        /** Global index (counted across epochs and runs) of the train step to poison, or -1. */
        int poisonTrainStep = -1;
        boolean poisonEval;
        boolean infinite;
        private int trainSteps;

        PoisonedTrainer(Model model, TrainerCallback... callbacks) {
            super(model, Loss.softmaxCrossEntropyLoss(), adam(), Callbacks.of(callbacks));
        }

        @Override
        protected StepOutput calculateTrainBatchLoss(Batch batch) {
            StepOutput output = super.calculateTrainBatchLoss(batch);
            return trainSteps++ == poisonTrainStep ? poison(output) : output;
        }

        @Override
        protected StepOutput calculateEvalBatchLoss(Batch batch) {
            StepOutput output = super.calculateEvalBatchLoss(batch);
            return poisonEval ? poison(output) : output;
        }

        private StepOutput poison(StepOutput output) {
            return output.withLoss(infinite ? output.loss().add(Float.POSITIVE_INFINITY) : output.loss().mul(Float.NaN));
        }
    }

    @Test
    void aNaNTrainLossStopsTrainingAtThatStepBeforeBackward() {
        AtomicReference<Map<String, float[]>> atRunStart = new AtomicReference<>();
        AtomicReference<Map<String, float[]>> atLastStepStart = new AtomicReference<>();
        EventLog before = new EventLog()
                .on("trainingRunStart", t -> atRunStart.set(weights(model)))
                .on("trainStepStart", t -> atLastStepStart.set(weights(model)));
        EventLog after = new EventLog() {};
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, before, testSubject, after)) {
            trainer.poisonTrainStep = 4; // epoch 2, batch index 1

            String printed = stdout(() -> assertThatThrownBy(() -> trainer.train(train, epochs(5).build()))
                    .isInstanceOf(TrainingTerminatedException.class)
                    .hasMessage("Exiting due to NaN loss"));

            assertThat(sameWeights(atRunStart.get(), atLastStepStart.get())).as("earlier steps did train").isFalse();
            assertSameWeights(weights(model), atLastStepStart.get());
            assertThat(before.named("trainStepEnd")).endsWith("trainStepEnd:0", "trainStepEnd:1");
            assertThat(after.named("trainStepEnd")).as("later callbacks miss the poisoned step's end")
                    .containsExactly("trainStepEnd:0", "trainStepEnd:1", "trainStepEnd:2", "trainStepEnd:0");
            assertThat(after.events).endsWith(TRAIN_STOP, "trainingRunEnd");
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(2);
            assertThat(trainer.runHistory().metricValues("train_loss_epoch")).hasSize(1);
            assertThat(printed).contains("Stopping training due to NaN loss in training step", "Exiting due to NaN loss");
        }
        // reaching this line is the point: the JVM was not exited
    }

    @Test
    void aNaNTrainLossIsCaughtAlsoWhenAnEarlierCallbackEvaluatedAtTheSameStepEnd() {
        AtomicReference<Map<String, float[]>> atLastStepStart = new AtomicReference<>();
        EventLog before = new EventLog().on("trainStepStart", t -> atLastStepStart.set(weights(model)));
        EventLog after = new EventLog() {};
        // the step-based evaluation runs at the end of batch index 2, before the NaN check sees that step
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, before, new StepBasedEvaluationCallback(2),
                testSubject, after)) {
            trainer.poisonTrainStep = 2;

            stdout(() -> assertThatThrownBy(() -> trainer.train(train, epochs(2).evalDataset(eval).build()))
                    .isInstanceOf(TrainingTerminatedException.class));

            assertThat(after.named("stop")).containsExactly(TRAIN_STOP);
            assertSameWeights(weights(model), atLastStepStart.get());
        }
    }

    @Test
    void anInfiniteTrainLossStopsTrainingToo() {
        EventLog log = new EventLog();
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.poisonTrainStep = 0;
            trainer.infinite = true;

            assertThatThrownBy(() -> trainer.train(train, epochs(2).build()))
                    .isInstanceOf(TrainingTerminatedException.class);
            assertThat(log.named("stop")).containsExactly(TRAIN_STOP);
        }
    }

    @Test
    void everyCallbackSeesTheRunEndBeforeTrainThrows() {
        List<String> runEnds = new ArrayList<>();
        TerminateOnNaNCallback subjectInTheMiddle = testSubject;
        EventLog first = new EventLog().on("trainingRunEnd", t -> runEnds.add("first"));
        EventLog last = new EventLog() {}.on("trainingRunEnd", t -> runEnds.add("last"));
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, first, subjectInTheMiddle, last)) {
            trainer.poisonTrainStep = 1;

            assertThatThrownBy(() -> trainer.train(train, epochs(2).build()))
                    .isInstanceOf(TrainingTerminatedException.class);

            assertThat(runEnds).containsExactly("first", "last");
        }
    }

    @Test
    void isTriggeredWhileTheStopIsHandledAndResetAfterTheRunEnds() {
        List<Boolean> triggeredAtStop = new ArrayList<>();
        EventLog log = new EventLog().on("stop", t -> triggeredAtStop.add(testSubject.triggered()));
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.poisonTrainStep = 1;

            assertThatThrownBy(() -> trainer.train(train, epochs(2).build()))
                    .isInstanceOf(TrainingTerminatedException.class);

            assertThat(triggeredAtStop).containsExactly(true);
            assertThat(testSubject.triggered()).isFalse();
        }
    }

    @Test
    void aLaterTrainCallWithFiniteLossesRunsNormally() {
        EventLog log = new EventLog();
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.poisonTrainStep = 1;
            assertThatThrownBy(() -> trainer.train(train, epochs(2).build()))
                    .isInstanceOf(TrainingTerminatedException.class);

            assertThatCode(() -> trainer.train(train, epochs(2).build())).doesNotThrowAnyException();
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);
            assertThat(log.named("stop")).hasSize(1);
        }
    }

    @Test
    void aNaNEvalLossStopsTrainingWithTheValidationStepMessage() {
        EventLog log = new EventLog();
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.poisonEval = true;

            String printed = stdout(() -> assertThatThrownBy(
                    () -> trainer.train(train, epochs(3).evalDataset(eval).build()))
                    .isInstanceOf(TrainingTerminatedException.class));

            assertThat(log.named("stop")).containsExactly(EVAL_STOP);
            assertThat(log.count("evalStepEnd")).as("stopped at the first eval step").isZero();
            assertThat(log.named("trainEpochStart")).containsExactly("trainEpochStart:1");
            assertThat(printed).contains("Stopping training due to NaN loss in validation step");
        }
    }

    @Test
    void aNaNLossInAnEvaluateOnlyRunStopsTheEvaluationWithoutTerminating() {
        EventLog log = new EventLog();
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.poisonEval = true;

            assertThatCode(() -> trainer.evaluate(eval, EvalConfig.withBatchSize(32))).doesNotThrowAnyException();

            assertThat(log.events).containsSubsequence("evaluationRunStart", EVAL_STOP, "evaluationRunEnd");
            assertThat(testSubject.triggered()).isFalse();

            trainer.poisonEval = false;
            assertThatCode(() -> trainer.train(train, epochs(1).build())).doesNotThrowAnyException();
        }
    }

    @Test
    void finiteLossesNeverStopTraining() {
        EventLog log = new EventLog();
        try (PoisonedTrainer trainer = new PoisonedTrainer(model, testSubject, log)) {
            trainer.train(train, epochs(2).evalDataset(eval).build());

            assertThat(log.named("stop")).isEmpty();
            assertThat(testSubject.triggered()).isFalse();
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);
        }
    }
}
