package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.StopTrainingException;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarCallbackTest {

    private final ProgressBarCallback testSubject = new ProgressBarCallback();
    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createModelAndData() {
        model = mlp("progress-bar");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 160, 1); // 5 batches of 32
        eval = blobs(manager, 96, 2); // 3 batches of 32
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    @Test
    void theTrainBarTicksOncePerBatchAndClosesAtEpochEnd() {
        List<Long> ticks = new ArrayList<>();
        EventLog after = new EventLog()
                .on("trainEpochStart", t -> ticks.add(testSubject.trainTicks()))
                .on("trainStepEnd", t -> ticks.add(testSubject.trainTicks()))
                .on("trainEpochEnd", t -> ticks.add(testSubject.trainTicks()));
        try (Trainer trainer = trainer(model, testSubject, after)) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(ticks).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, -1L, 0L, 1L, 2L, 3L, 4L, 5L, -1L);
        }
    }

    @Test
    void withoutAConsoleItPrintsPlainLinesForTrainAndEvalEpochs() {
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> trainer.train(train, epochs(1).evalDataset(eval).build()));

            assertThat(System.console()).as("the test JVM has no console").isNull();
            assertThat(printed).contains("train epoch 1").contains("5/5").contains("eval").contains("3/3")
                    .doesNotContain("\r");
        }
    }

    @Test
    void aStopInTheMiddleOfAnEpochLeavesNoBarOpen() {
        EventLog stopper = new EventLog().on("trainStepEnd", t -> {
            if (t.currentStep() == 2) {
                throw new StopTrainingException("stop mid-epoch");
            }
        });
        try (Trainer trainer = trainer(model, testSubject, stopper)) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(stopper.named("stop")).containsExactly("stop:stop mid-epoch");
            assertThat(testSubject.trainTicks()).isEqualTo(-1);
        }
    }
}
