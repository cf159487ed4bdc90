package io.trainstream.trainer.callback.builtin;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.trainstream.trainer.Trainer;
import io.trainstream.events.history.InMemoryRunHistory;
import io.trainstream.events.history.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.stdout;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LogMetricsCallbackTest {

    /** Records what it is asked to log instead of printing it. */
    static final class RecordingLogMetrics extends LogMetricsCallback {
        final List<Map<String, Double>> logged = new ArrayList<>();

        @Override
        protected void logMetrics(Trainer trainer, Map<String, Double> metrics) {
            logged.add(new LinkedHashMap<>(metrics));
        }
    }

    @Nested
    class DrivenDirectly {

        private final InMemoryRunHistory history = new InMemoryRunHistory();
        private final RecordingLogMetrics testSubject = new RecordingLogMetrics();
        private Model model;
        private Trainer trainer;

        @BeforeEach
        void fillHistory() {
            model = mlp("log-metrics");
            trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), null, Callbacks.none(), history);
            history.updateMetric("train_loss_epoch", 1.0);
            history.updateMetric("train_loss_epoch", 0.5);
            history.updateMetric("eval_loss_epoch", 0.9);
            history.updateMetric("eval_loss_epoch", 0.7);
            history.updateMetric("constrained_acc", 0.3);
            history.updateMetric("accuracy", 0.8);
        }

        @AfterEach
        void close() {
            trainer.close();
            model.close();
        }

        @Test
        void atTrainEpochEndLogsTheLatestValueOfEveryMetricWhoseNameContainsTrain() {
            testSubject.onTrainEpochEnd(trainer);

            // "constrained_acc" contains "train": the reference matches a substring, not a prefix
            assertThat(testSubject.logged).hasSize(1);
            assertThat(testSubject.logged.get(0)).containsExactly(entry("constrained_acc", 0.3),
                    entry("train_loss_epoch", 0.5));
        }

        @Test
        void atEvalEpochEndLogsTheLatestValueOfEveryOtherMetric() {
            testSubject.onEvalEpochEnd(trainer, false);

            assertThat(testSubject.logged).hasSize(1);
            assertThat(testSubject.logged.get(0)).containsExactly(entry("accuracy", 0.8), entry("eval_loss_epoch", 0.7));
        }

        @Test
        void intermediateEvalEpochsAreLoggedToo() {
            testSubject.onEvalEpochEnd(trainer, true);

            assertThat(testSubject.logged).hasSize(1);
            assertThat(testSubject.logged.get(0)).containsOnlyKeys("accuracy", "eval_loss_epoch");
        }

        @Test
        void theDefaultPrintsEachMetricOnItsOwnLine() {
            String printed = stdout(() -> new LogMetricsCallback().onEvalEpochEnd(trainer, false));

            String nl = System.lineSeparator();
            assertThat(printed).isEqualTo("\naccuracy: 0.8" + nl + "\neval_loss_epoch: 0.7" + nl);
        }

        @Test
        void readingAnUnknownMetricElsewhereDoesNotBreakLogging() {
            // in the reference this read creates an empty entry that makes the logger throw
            assertThat(trainer.runHistory().metricValues("f1")).isEmpty();

            testSubject.onEvalEpochEnd(trainer, false);

            assertThat(testSubject.logged.get(0)).containsOnlyKeys("accuracy", "eval_loss_epoch");
        }
    }

    @Test
    void inARealRunTrainMetricsAreLoggedAfterTrainEpochsAndEvalMetricsAfterEvalEpochs() {
        RecordingLogMetrics testSubject = new RecordingLogMetrics();
        try (Model model = mlp("log-metrics-e2e"); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = trainer(model, testSubject)) {
            trainer.train(blobs(manager, 64, 1), epochs(2).evalDataset(blobs(manager, 64, 2)).build());

            RunHistory history = trainer.runHistory();
            List<Double> train = history.metricValues("train_loss_epoch");
            List<Double> eval = history.metricValues("eval_loss_epoch");
            assertThat(testSubject.logged).containsExactly(
                    Map.of("train_loss_epoch", train.get(0)),
                    Map.of("eval_loss_epoch", eval.get(0)),
                    Map.of("train_loss_epoch", train.get(1)),
                    Map.of("eval_loss_epoch", eval.get(1)));
        }
    }
}
