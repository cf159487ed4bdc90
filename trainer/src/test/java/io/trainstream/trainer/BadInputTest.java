package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.checkpoint.CheckpointException;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.trainer.callback.LoggedCustomEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input to the trainer gives one clear error naming the problem. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void anOversizedCustomEventPayloadIsRefusedWithTheEventTheArgumentAndTheLimit() {
        List<RunEvent> log = new ArrayList<>();
        try (Model model = TestData.mlp("oversized", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.publishTo((EventPublisher) log::add);
            trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build());
            double[] huge = new double[(int) LoggedCustomEvents.MAX_ARRAY_ELEMENTS + 1];
            assertThatThrownBy(() -> trainer.callbackHandler().callEvent("dump_activations", trainer, Map.of("acts", huge)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dump_activations").hasMessageContaining("acts")
                    .hasMessageContaining(String.valueOf(LoggedCustomEvents.MAX_ARRAY_ELEMENTS));
            // the small one still goes through
            trainer.callbackHandler().callEvent("dump_activations", trainer, Map.of("acts", new double[] {1, 2}));
        }
    }

    @Test
    void aCheckpointInANonWritablePlaceFailsWithAnErrorNamingThePath() throws Exception {
        Path regularFile = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path target = regularFile.resolve("best.zip");
        try (Model model = TestData.mlp("unwritable", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.none())) {
            trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build());
            assertThatThrownBy(() -> trainer.saveCheckpoint(target, null))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining(target.toString());
            assertThatThrownBy(() -> trainer.saveTrainingState(regularFile.resolve("state"), null))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("state");
        }
    }

    @Test
    void nanAndInfinityMetricsAreRecordedAndPublishedAsTheyAre() {
        List<RunEvent> log = new ArrayList<>();
        io.trainstream.trainer.callback.TrainerCallback odd = new io.trainstream.trainer.callback.TrainerCallback() {
            @Override
            public void onTrainEpochEnd(Trainer trainer) {
                trainer.runHistory().updateMetric("odd", Double.NaN);
                trainer.runHistory().updateMetric("odd", Double.NEGATIVE_INFINITY);
            }
        };
        try (Model model = TestData.mlp("nan-metrics", 8, 3); NDManager manager = NDManager.newBaseManager();
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(odd))) {
            trainer.publishTo((EventPublisher) log::add);
            trainer.train(TestData.blobs(manager, 8, 6, 1, 4), TrainConfig.builder().numEpochs(1).perDeviceBatchSize(4).build());
            assertThat(trainer.runHistory().metricValues("odd")).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
        }
        List<Double> logged = log.stream().filter(e -> e.kind() == EventKind.METRIC_UPDATE)
                .map(e -> (EventBody.MetricUpdate) e.body()).filter(u -> "odd".equals(u.name()))
                .map(EventBody.MetricUpdate::value).toList();
        assertThat(logged).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
    }
}
