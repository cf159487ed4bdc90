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
import io.trainstream.events.EventBody;
import io.trainstream.events.RunEvent;
import io.trainstream.events.StepValues;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.TrainConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.callback.builtin.Callbacks;
import io.trainstream.trainer.WhatIfAnalysis;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With gradient accumulation, callbacks see the step loss divided by the accumulation steps. A run
 * published to a real broker and replayed (what-if) hands its callbacks exactly those values again,
 * and the log says which loss is which.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ReplayedStepLossTest {

    /** Records, per step end, the loss in the StepOutput and the trainer's own (unscaled) step loss. */
    static final class StepLosses implements TrainerCallback {
        final List<Double> trainSeen = new ArrayList<>();
        final List<Double> trainUnscaled = new ArrayList<>();
        final List<Double> evalSeen = new ArrayList<>();

        @Override
        public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            trainSeen.add(output.lossValue());
            trainUnscaled.add(trainer.lastStepLoss());
        }

        @Override
        public void onEvalStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            evalSeen.add(output.lossValue());
        }
    }

    @Test
    void aRunWithAccumulationTwoReplaysTheStepLossesItsCallbacksSawLive(EmbeddedKafkaBroker broker) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                .optEventsTopic("steploss-events-" + suffix).optRunsTopic("steploss-runs-" + suffix).build();
        StepLosses live = new StepLosses();
        String runId;
        try (NDManager manager = NDManager.newBaseManager(); Model model = BlobRuns.mlp("steploss", 8, 5);
                KafkaEventPublisher publisher = KafkaEventPublisher.open(config);
                Trainer trainer = new Trainer(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(),
                        Callbacks.of(live))) {
            trainer.publishTo(publisher);
            // 40 samples, batch 8: 5 batches per epoch, the last accumulation group holds one batch
            trainer.train(BlobRuns.blobs(manager, 40, 1, 8), TrainConfig.builder().numEpochs(2).perDeviceBatchSize(8)
                    .evalDataset(BlobRuns.blobs(manager, 16, 2, 8)).gradientAccumulationSteps(2).build());
            runId = trainer.lastRunId();
            assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(live.trainSeen).hasSize(10);
        for (int i = 0; i < live.trainSeen.size(); i++) {
            assertThat(live.trainSeen.get(i)).isCloseTo(live.trainUnscaled.get(i) / 2, within(1e-6));
        }

        RunLog log = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), config.runsTopic()).read(runId);
        List<StepValues> trainSteps = new ArrayList<>();
        for (RunEvent event : log.events()) {
            if (event.body() instanceof EventBody.TrainStepEnd step) {
                trainSteps.add(step.values());
            }
        }
        assertThat(trainSteps).extracting(StepValues::loss).containsExactlyElementsOf(live.trainUnscaled);
        assertThat(trainSteps).extracting(StepValues::callbackLoss).containsExactlyElementsOf(live.trainSeen);

        StepLosses replayed = new StepLosses();
        WhatIfAnalysis.run(log.events(), List.of(replayed));

        assertThat(replayed.trainSeen).containsExactlyElementsOf(live.trainSeen);
        assertThat(replayed.trainUnscaled).containsExactlyElementsOf(live.trainUnscaled);
        assertThat(replayed.evalSeen).containsExactlyElementsOf(live.evalSeen);

        // a v1 record has no callback_loss: replay derives it from loss and the run's accumulation steps
        List<RunEvent> asV1 = log.events().stream().map(ReplayedStepLossTest::withoutCallbackLoss).toList();
        StepLosses replayedV1 = new StepLosses();
        WhatIfAnalysis.run(asV1, List.of(replayedV1));
        assertThat(replayedV1.trainSeen).containsExactlyElementsOf(live.trainSeen);
        assertThat(replayedV1.evalSeen).containsExactlyElementsOf(live.evalSeen);
    }

    private static RunEvent withoutCallbackLoss(RunEvent event) {
        StepValues v;
        if (event.body() instanceof EventBody.TrainStepEnd step) {
            v = step.values();
            return new RunEvent(event.header(), new EventBody.TrainStepEnd(
                    new StepValues(v.loss(), null, v.batchSize(), v.predictions(), v.targets(), v.sampleIds())));
        }
        if (event.body() instanceof EventBody.EvalStepEnd step) {
            v = step.values();
            return new RunEvent(event.header(), new EventBody.EvalStepEnd(
                    new StepValues(v.loss(), null, v.batchSize(), v.predictions(), v.targets(), v.sampleIds())));
        }
        return event;
    }
}
