package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.assertSameWeights;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.readJson;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SaveTrainingStateCallbackTest {

    @TempDir
    Path dir;

    private Model model;
    private NDManager manager;
    private ArrayDataset train;

    @BeforeEach
    void createModelAndData() {
        model = mlp("training-state");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 160, 1); // 5 batches per epoch
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    private Map<String, Object> metadata(String state) {
        return readJson(dir.resolve(state).resolve("trainer_metadata.json"));
    }

    @Test
    void savesEpochStepAndFinalStatesInTheOrderTheyHappen() {
        SaveTrainingStateCallback testSubject = new SaveTrainingStateCallback(dir, 1, 3, true, null);
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(testSubject.savedStates()).containsExactly(dir.resolve("step_3"), dir.resolve("epoch_1"),
                    dir.resolve("step_6"), dir.resolve("step_9"), dir.resolve("epoch_2"), dir.resolve("final"));
            for (Path state : testSubject.savedStates()) {
                assertThat(state.resolve("checkpoint.zip")).isRegularFile();
                assertThat(state.resolve("trainer_metadata.json")).isRegularFile();
            }
            assertThat(printed).contains("\nSaved training state to " + dir.resolve("epoch_1"));
        }
    }

    @Test
    void anEpochStateRecordsTheNextEpochSoThatResumingDoesNotRepeatIt() {
        try (Trainer trainer = trainer(model, new SaveTrainingStateCallback(dir, 1, null, true, null))) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(metadata("epoch_1")).contains(entry("current_epoch", 2), entry("global_step", 5),
                    entry("updates_completed", 5));
            assertThat(metadata("epoch_2")).contains(entry("current_epoch", 3), entry("global_step", 10),
                    entry("updates_completed", 10));
            assertThat(metadata("final")).contains(entry("current_epoch", 3), entry("global_step", 10));
        }
    }

    @Test
    void aStepStateCountsBatchesAcrossEpochsAndIsSavedBeforeThatBatchsUpdate() {
        try (Trainer trainer = trainer(model, new SaveTrainingStateCallback(dir, null, 3, false, null))) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            assertThat(metadata("step_3")).contains(entry("current_epoch", 1), entry("global_step", 3),
                    entry("updates_completed", 2));
            assertThat(metadata("step_6")).contains(entry("current_epoch", 2), entry("global_step", 6),
                    entry("updates_completed", 5));
            assertThat(dir.resolve("final")).doesNotExist();
            assertThat(dir.resolve("epoch_1")).doesNotExist();
        }
    }

    @Test
    void savesOnlyEveryNthEpoch() {
        SaveTrainingStateCallback testSubject = new SaveTrainingStateCallback(dir, 2, null, false, null);
        try (Trainer trainer = trainer(model, testSubject)) {
            stdout(() -> trainer.train(train, epochs(3).build()));

            assertThat(testSubject.savedStates()).containsExactly(dir.resolve("epoch_2"));
        }
    }

    @Test
    void maxCheckpointsDeletesTheOldestStates() {
        SaveTrainingStateCallback testSubject = new SaveTrainingStateCallback(dir, 1, null, true, 2);
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> trainer.train(train, epochs(3).build()));

            assertThat(testSubject.savedStates()).containsExactly(dir.resolve("epoch_3"), dir.resolve("final"));
            assertThat(dir.resolve("epoch_1")).doesNotExist();
            assertThat(dir.resolve("epoch_2")).doesNotExist();
            assertThat(dir.resolve("epoch_3")).isDirectory();
            assertThat(dir.resolve("final")).isDirectory();
            assertThat(printed).contains("Removed old training state: " + dir.resolve("epoch_1"),
                    "Removed old training state: " + dir.resolve("epoch_2"));
        }
    }

    @Test
    void anEpochStateHoldsTheWeightsAtTheEndOfThatEpoch() {
        Map<Integer, Map<String, float[]>> atEpochEnd = new HashMap<>();
        EventLog log = new EventLog().on("trainingRunEpochEnd",
                t -> atEpochEnd.put(t.runHistory().currentEpoch(), weights(model)));
        try (Trainer trainer = trainer(model, log, new SaveTrainingStateCallback(dir, 1, null, false, null))) {
            stdout(() -> trainer.train(train, epochs(2).build()));

            Map<String, Object> loaded = trainer.loadTrainingState(dir.resolve("epoch_1"));

            assertThat(loaded).containsEntry("current_epoch", 2);
            assertSameWeights(weights(model), atEpochEnd.get(1));
        }
    }

    @Test
    void resumingFromAnEpochStateContinuesWithTheNextEpoch() {
        try (Trainer trainer = trainer(model, new SaveTrainingStateCallback(dir, 1, null, false, null))) {
            stdout(() -> trainer.train(train, epochs(1).build()));
        }
        EventLog log = new EventLog();
        try (Model resumed = mlp("training-state-resumed"); Trainer trainer = trainer(resumed, log)) {
            stdout(() -> trainer.train(train, epochs(2).resumeFrom(dir.resolve("epoch_1")).build()));

            assertThat(log.named("trainEpochStart")).containsExactly("trainEpochStart:2");
            assertThat(trainer.runHistory().currentEpoch()).isEqualTo(3);
        }
    }

    @Test
    void aResumedRunContinuesCountingBatchesFromTheSavedState() {
        try (Trainer trainer = trainer(model, new SaveTrainingStateCallback(dir, 1, null, false, null))) {
            stdout(() -> trainer.train(train, epochs(1).build()));
        }
        Path resumedDir = dir.resolve("resumed");
        SaveTrainingStateCallback testSubject = new SaveTrainingStateCallback(resumedDir, null, 3, false, null);
        try (Model resumed = mlp("training-state-counting"); Trainer trainer = trainer(resumed, testSubject)) {
            stdout(() -> trainer.train(train, epochs(2).resumeFrom(dir.resolve("epoch_1")).build()));

            // batches 6..10 of the run: the 6th and the 9th are multiples of 3
            assertThat(testSubject.savedStates()).containsExactly(resumedDir.resolve("step_6"),
                    resumedDir.resolve("step_9"));
            assertThat(readJson(resumedDir.resolve("step_6").resolve("trainer_metadata.json")))
                    .contains(entry("global_step", 6), entry("current_epoch", 2));
        }
    }

    @Test
    void rejectsNonPositiveIntervalsAndLimits() {
        assertThatThrownBy(() -> new SaveTrainingStateCallback(dir, 0, null, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SaveTrainingStateCallback(dir, null, -1, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SaveTrainingStateCallback(dir, null, null, true, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
