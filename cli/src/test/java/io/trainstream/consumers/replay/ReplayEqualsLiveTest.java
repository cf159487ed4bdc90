package io.trainstream.consumers.replay;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.WhatIfAnalysis;
import io.trainstream.trainer.WhatIfReport;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.callback.builtin.EarlyStoppingCallback;
import io.trainstream.trainer.callback.builtin.StepBasedEvaluationCallback;
import io.trainstream.events.history.RunHistory;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real run published to a real broker, read back by run id and replayed, equals the live run. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ReplayEqualsLiveTest {

    @TempDir
    Path dir;

    /** Writes an accuracy metric at each eval epoch end, as the seed's metrics callback does. */
    static final class Accuracy implements TrainerCallback {
        private long correct;
        private long total;

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            long[] predicted = output.modelOutputs().head().argMax(1).toLongArray();
            float[] labels = batch.getLabels().head().toFloatArray();
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == (long) labels[i] ? 1 : 0;
                total++;
            }
        }

        @Override
        public void onEvalEpochEnd(Trainer trainer, boolean isIntermediate) {
            trainer.runHistory().updateMetric("accuracy", correct / (double) total);
            correct = 0;
            total = 0;
        }
    }

    @Test
    void theHistoryRebuiltFromTheLogEqualsTheLiveHistoryValueForValue(EmbeddedKafkaBroker broker) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                .optEventsTopic("replay-events-" + suffix).optRunsTopic("replay-runs-" + suffix).build();
        RunHistory live;
        String runId;
        java.util.Map<String, Object> liveConfig;
        try (NDManager manager = NDManager.newBaseManager(); Model model = BlobRuns.mlp("replay", 16, 3);
                KafkaEventPublisher publisher = KafkaEventPublisher.open(config);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(new Accuracy(), new StepBasedEvaluationCallback(3),
                                new EarlyStoppingCallback(2, 0.02)))) {
            trainer.publishTo(publisher);
            trainer.train(BlobRuns.blobs(manager, 96, 1, 16), TrainConfig.builder().numEpochs(8).perDeviceBatchSize(16)
                    .evalDataset(BlobRuns.blobs(manager, 48, 2, 16)).gradientAccumulationSteps(2).build());
            live = trainer.runHistory();
            liveConfig = trainer.runConfig().toMap();
            runId = trainer.lastRunId();
            assertThat(publisher.flush(java.time.Duration.ofSeconds(30))).isTrue();
        }

        RunLog log = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), config.runsTopic()).read(runId);
        assertThat(log.isComplete()).isTrue();
        RunReplay replay = RunReplay.of(log.events());

        assertThat(replay.history().metricNames()).isEqualTo(live.metricNames());
        for (String name : live.metricNames()) {
            assertThat(replay.history().metricValues(name)).as(name).containsExactlyElementsOf(live.metricValues(name));
        }
        assertThat(replay.history().currentEpoch()).isEqualTo(live.currentEpoch());
        assertThat(replay.runConfig()).hasSameSizeAs(liveConfig);
        liveConfig.forEach((key, value) -> {
            Object replayed = replay.runConfig().get(key);
            if (value instanceof Number number) {
                assertThat(((Number) replayed).doubleValue()).as(key).isEqualTo(number.doubleValue());
            } else if (value instanceof java.util.Map<?, ?> map) {
                assertThat((java.util.Map<?, ?>) replayed).as(key).isEqualTo(map);
            } else {
                assertThat(replayed).as(key).isEqualTo(value);
            }
        });

        // what-if on the recording: the same early stopping decides as the live run did
        WhatIfReport report = WhatIfAnalysis.run(log.events(), List.of(new EarlyStoppingCallback(2, 0.02)));
        boolean liveStopped = live.currentEpoch() <= 8;
        assertThat(report.wouldStop()).isEqualTo(liveStopped);
        if (liveStopped) {
            assertThat(report.stopEpoch()).isEqualTo(live.currentEpoch());
        }

        Path csv = dir.resolve("history.csv");
        HistoryExport.writeCsv(replay.history(), csv);
        assertThat(Files.readAllLines(csv)).hasSize(1 + live.metricNames().stream()
                .mapToInt(name -> live.metricValues(name).size()).sum());
        Path png = dir.resolve("curves.png");
        HistoryPlot.writePng(replay, runId, png);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getHeight()).isEqualTo(800);
    }
}
