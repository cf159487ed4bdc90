package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;

class PrintProgressCallbackTest {

    private static final String NL = System.lineSeparator();

    private final PrintProgressCallback testSubject = new PrintProgressCallback();
    private Model model;
    private NDManager manager;
    private ArrayDataset train;
    private ArrayDataset eval;

    @BeforeEach
    void createModelAndData() {
        model = mlp("print-progress");
        manager = NDManager.newBaseManager();
        train = blobs(manager, 64, 1);
        eval = blobs(manager, 64, 2);
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    @Test
    void aTrainingRunPrintsTheReferenceMessagesInOrder() {
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> trainer.train(train, epochs(2).evalDataset(eval).build()));

            assertThat(printed).isEqualTo("\nStarting training run" + NL
                    + "\nStarting epoch 1" + NL
                    + "\nStarting eval epoch" + NL
                    + "\nStarting epoch 2" + NL
                    + "\nStarting eval epoch" + NL
                    + "Finishing training run" + NL);
        }
    }

    @Test
    void epochNumbersContinueWhenTheHistoryIsNotReset() {
        try (Trainer trainer = trainer(model, testSubject)) {
            trainer.train(train, epochs(1).build());

            String printed = stdout(() -> trainer.train(train, epochs(1).resetRunHistory(false).build()));

            assertThat(printed).isEqualTo("\nStarting training run" + NL + "\nStarting epoch 2" + NL
                    + "Finishing training run" + NL);
        }
    }

    @Test
    void anEvaluationRunPrintsTheReferenceMessagesInOrder() {
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> trainer.evaluate(eval, EvalConfig.withBatchSize(32)));

            assertThat(printed).isEqualTo("\nStarting evaluation run" + NL
                    + "\nStarting eval epoch" + NL
                    + "Finishing evaluation run" + NL);
        }
    }

    @Test
    void anIntermediateEvalEpochIsAnnouncedLikeAnyOther() {
        try (Trainer trainer = trainer(model, testSubject)) {
            String printed = stdout(() -> testSubject.onEvalEpochStart(trainer, true));

            assertThat(printed).isEqualTo("\nStarting eval epoch" + NL);
        }
    }
}
