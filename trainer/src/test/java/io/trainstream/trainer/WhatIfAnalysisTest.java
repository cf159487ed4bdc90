package io.trainstream.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.callback.builtin.SaveBestModelCallback;
import io.trainstream.trainer.callback.builtin.TerminateOnNaNCallback;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.events.EventBody;
import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WhatIfAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void earlyStoppingReplayedOverARecordedRunMakesTheDecisionALiveRunMakes() {
        List<RunEvent> recorded = new ArrayList<>();
        int liveStopEpoch;
        try (NDManager manager = NDManager.newBaseManager()) {
            try (Model model = TestData.mlp("recorded", 16, 3); Trainer trainer = new Trainer(model,
                    Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
                trainer.publishTo((EventPublisher) recorded::add);
                trainer.train(TestData.blobs(manager, 40, 6, 1, 8), config(manager, 5));
            }
            try (Model model = TestData.mlp("recorded", 16, 3); Trainer trainer = new Trainer(model,
                    Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.of(new EarlyStoppingCallback(2, 10.0)))) {
                trainer.train(TestData.blobs(manager, 40, 6, 1, 8), config(manager, 5));
                liveStopEpoch = trainer.runHistory().currentEpoch();
            }
        }
        Path checkpoint = dir.resolve("best.zip");
        WhatIfReport report = WhatIfAnalysis.run(recorded, List.of(new EarlyStoppingCallback(2, 10.0),
                new SaveBestModelCallback(checkpoint, "eval_loss_epoch", false)));

        assertThat(report.wouldStop()).isTrue();
        assertThat(report.stopEpoch()).isEqualTo(liveStopEpoch).isEqualTo(3);
        assertThat(report.stopReason()).isEqualTo("Stopping training due to no improvement after 2 epochs");
        assertThat(report.history().metricValues("eval_loss_epoch")).hasSize(3);
        assertThat(report.summary()).startsWith("would have stopped after epoch 3")
                .contains("best eval_loss_epoch").contains("at epoch 3");
        assertThat(Files.exists(checkpoint)).as("a dry run writes no checkpoint").isFalse();
    }

    @Test
    void aNaNLossInTheRecordingIsFoundByTerminateOnNaN() {
        List<RunEvent> recorded = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("nan", 16, 3);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
            trainer.publishTo((EventPublisher) event -> recorded.add(
                    event.kind() == EventKind.TRAIN_STEP_END && event.epoch() == 2 && event.step() == 1
                            ? new RunEvent(event.header(), new EventBody.TrainStepEnd(
                                    StepValues.of(Double.NaN, Double.NaN, 8)))
                            : event));
            trainer.train(TestData.blobs(manager, 40, 6, 1, 8), config(manager, 3));
        }
        WhatIfReport report = WhatIfAnalysis.run(recorded, List.of(new TerminateOnNaNCallback()));
        assertThat(report.wouldStop()).isTrue();
        assertThat(report.stopEpoch()).isEqualTo(2);
        assertThat(report.stopReason()).contains("NaN loss in training step");
    }

    @Test
    void aRunThatWouldNotHaveStoppedSaysSo() {
        List<RunEvent> recorded = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Model model = TestData.mlp("nostop", 16, 3);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), Callbacks.none())) {
            trainer.publishTo((EventPublisher) recorded::add);
            trainer.train(TestData.blobs(manager, 40, 6, 1, 8), config(manager, 3));
        }
        WhatIfReport report = WhatIfAnalysis.run(recorded, List.of(new EarlyStoppingCallback(5, 0.0)));
        assertThat(report.wouldStop()).isFalse();
        assertThat(report.summary()).startsWith("would not have stopped before the recorded end (epoch 3)");
    }

    private static TrainConfig config(NDManager manager, int epochs) {
        return TrainConfig.builder().numEpochs(epochs).perDeviceBatchSize(8)
                .evalDataset(TestData.blobs(manager, 16, 6, 9, 8)).build();
    }
}
