package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.TrainerConfigurationException;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitBatchesCallbackTest {

    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createModelAndData() {
        model = mlp("limit-batches");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 192, 1); // 6 batches of 32
        eval = blobs(manager, 160, 2); // 5 batches of 32
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    private static List<Long> trainStepsPerEpoch(EventLog log, int epochs) {
        return java.util.stream.IntStream.rangeClosed(1, epochs).mapToObj(epoch -> {
            int start = log.events.indexOf("trainEpochStart:" + epoch);
            int end = log.events.subList(start, log.events.size()).indexOf("trainEpochEnd") + start;
            return log.events.subList(start, end).stream().filter(e -> e.startsWith("trainStepEnd")).count();
        }).toList();
    }

    @Test
    void limitsTrainAndEvalEpochsToTheFirstNBatches() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitBatchesCallback(2), log)) {
            trainer.train(train, epochs(2).evalDataset(eval).build());

            assertThat(trainStepsPerEpoch(log, 2)).containsExactly(2L, 2L);
            assertThat(log.count("evalStepEnd")).isEqualTo(4);
            assertThat(trainer.trainDataloader().size()).isEqualTo(2);
        }
    }

    @Test
    void limitsTheEvalEpochOfAnEvaluateOnlyRun() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitBatchesCallback(3), log)) {
            trainer.evaluate(eval, EvalConfig.withBatchSize(32));

            assertThat(log.count("evalStepEnd")).isEqualTo(3);
        }
    }

    @Test
    void aLimitAboveTheLoaderLengthChangesNothing() {
        EventLog log = new EventLog();
        try (Trainer trainer = trainer(model, new LimitBatchesCallback(100), log)) {
            trainer.train(train, epochs(1).evalDataset(eval).build());

            assertThat(log.count("trainStepEnd")).isEqualTo(6);
            assertThat(log.count("evalStepEnd")).isEqualTo(5);
        }
    }

    @Test
    void stepCountsInTheRunConfigStillUseTheFullLoaderLength() {
        try (Trainer trainer = trainer(model, new LimitBatchesCallback(2))) {
            trainer.train(train, epochs(1).build());

            assertThat(trainer.runConfig().numUpdateStepsPerEpoch()).isEqualTo(6);
        }
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatThrownBy(() -> new LimitBatchesCallback(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class SwitchedOnBySystemProperty {

        @AfterEach
        void clearProperty() {
            System.clearProperty(Trainer.LIMIT_BATCHES_ENV);
        }

        @Test
        void theTrainerPutsALimitBatchesCallbackFirstAndItLimitsEveryEpoch() {
            System.setProperty(Trainer.LIMIT_BATCHES_ENV, "3");
            EventLog log = new EventLog();
            try (Trainer trainer = trainer(model, new PrintProgressCallback(), log)) {
                List<TrainerCallback> callbacks = trainer.callbackHandler().callbacks();
                assertThat(callbacks).hasSize(3);
                assertThat(callbacks.get(0)).isInstanceOfSatisfying(LimitBatchesCallback.class,
                        limit -> assertThat(limit.numBatches()).isEqualTo(3));

                TrainingFixtures.stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

                assertThat(trainStepsPerEpoch(log, 2)).containsExactly(3L, 3L);
                assertThat(log.count("evalStepEnd")).isEqualTo(6);
            }
        }

        @Test
        void aLimitBatchesScopeLimitsTrainersCreatedInsideAndRestoresTheSwitchWhenClosed() {
            System.setProperty(Trainer.LIMIT_BATCHES_ENV, "none");
            EventLog log = new EventLog();
            try (LimitBatches outer = LimitBatches.to(4)) {
                try (LimitBatches inner = LimitBatches.to(2); Trainer trainer = trainer(model, log)) {
                    assertThat(trainer.callbackHandler().callbacks().get(0)).isInstanceOfSatisfying(
                            LimitBatchesCallback.class, limit -> assertThat(limit.numBatches()).isEqualTo(2));
                    TrainingFixtures.stdout(() -> trainer.train(train, epochs(1).build()));
                    assertThat(trainStepsPerEpoch(log, 1)).containsExactly(2L);
                }
                assertThat(System.getProperty(Trainer.LIMIT_BATCHES_ENV)).isEqualTo("4");
            }
            assertThat(System.getProperty(Trainer.LIMIT_BATCHES_ENV)).isEqualTo("none");
            try (Trainer trainer = trainer(model)) {
                assertThat(trainer.callbackHandler().callbacks()).noneMatch(LimitBatchesCallback.class::isInstance);
            }
            assertThatThrownBy(() -> LimitBatches.to(-1)).hasMessageContaining("numBatches");
        }

        @Test
        void noneInAnyCaseMeansNoLimit() {
            System.setProperty(Trainer.LIMIT_BATCHES_ENV, "NoNe");
            try (Trainer trainer = trainer(model, new PrintProgressCallback())) {
                assertThat(trainer.callbackHandler().callbacks()).singleElement()
                        .isInstanceOf(PrintProgressCallback.class);
            }
        }

        @Test
        void aValueThatIsNotANumberIsRejectedNamingTheProperty() {
            System.setProperty(Trainer.LIMIT_BATCHES_ENV, "lots");

            assertThatThrownBy(() -> trainer(model))
                    .isInstanceOf(TrainerConfigurationException.class)
                    .hasMessageContaining(Trainer.LIMIT_BATCHES_ENV)
                    .hasMessageContaining("lots");
        }
    }
}
