package io.trainstream.trainer.kafka;

import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunConfig;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the runs index says of a run: small whatever its start holds, progress and the watched metric
 * kept for a crashed run taken over from its run file, and a continued run's start kept.
 */
class RunTrackerTest {

    private long seq;

    @Test
    void aSummaryStaysSmallWhateverTheRunStartHolds() {
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        for (int i = 0; i < 4_000; i++) {
            hyperparameters.put("label-" + i, "x".repeat(500));
        }
        RunTracker testSubject = new RunTracker("run-a", "events");
        testSubject.observe(event(EventType.RUN_START, 1, runStart(hyperparameters)));

        RunSummary summary = testSubject.acked(0, metadata(0));

        assertThat(RunSummaryCodec.encode(summary).length).as("encoded summary bytes").isLessThan(40_000);
        assertThat(summary.getConfig()).containsEntry("hp.(more)", "3900 more in run_start");
        assertThat(summary.getConfig().get("hp.label-0")).startsWith("xxx").endsWith("(500 chars, see run_start)");
    }

    @Test
    void aCrashedRunTakenOverFromItsRunFileKeepsItsEpochsAndTheLogsLastAndBestMetric() {
        RunTracker live = new RunTracker("run-a", "events");
        live.observe(event(EventType.RUN_START, 1, runStart(Map.of())));
        live.acked(0, metadata(0));
        for (int epoch = 1; epoch <= 3; epoch++) {
            live.observe(event(EventType.METRIC_UPDATE, epoch, new MetricUpdate("eval_loss_epoch", 1.0 / epoch)));
            live.observe(event(EventType.TRAINING_RUN_EPOCH_END, epoch, new Lifecycle()));
        }
        RunSummary runFile = live.checkpoint();
        assertThat(runFile.getEpochsCompleted()).isEqualTo(3);

        RunTracker testSubject = RunTracker.resumed(runFile);
        testSubject.observe(event(EventType.METRIC_UPDATE, 4, new MetricUpdate("eval_loss_epoch", 0.1)));
        testSubject.observe(event(EventType.TRAINING_RUN_EPOCH_END, 4, new Lifecycle()));
        testSubject.observe(event(EventType.METRIC_UPDATE, 5, new MetricUpdate("eval_loss_epoch", 0.2)));
        testSubject.acked(seq - 1, metadata(seq - 1));
        RunSummary crashed = testSubject.crashed();

        assertThat(crashed.getStatus()).isEqualTo(RunStatus.CRASHED);
        assertThat(crashed.getEpochsCompleted()).isEqualTo(4);
        assertThat(crashed.getWatchMetricLast()).isEqualTo(0.2);
        assertThat(crashed.getWatchMetricBest()).isEqualTo(0.1);
    }

    @Test
    void aContinuedRunKeepsItsStartTimeAndFirstOffset() {
        RunSummary previous = RunSummary.newBuilder().setRunId("run-a").setStatus(RunStatus.CRASHED).setKind(RunKind.TRAIN)
                .setStartTime(Instant.parse("2026-01-01T00:00:00Z")).setHost("h").setConfig(Map.of())
                .setEpochsCompleted(2).setGlobalStep(20L).setEventsTopic("events").setPartition(1).setFirstOffset(7L)
                .setLastOffset(99L).setLastSeq(92L).setUpdatedTime(Instant.parse("2026-01-01T00:01:00Z")).build();
        RunTracker testSubject = RunTracker.continued(previous);
        seq = 93;
        testSubject.observe(event(EventType.RUN_START, 3, runStart(Map.of())));

        RunSummary running = testSubject.acked(93, new RecordMetadata(new TopicPartition("events", 1), 500, 0, 0, 0, 0));

        assertThat(running.getStartTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(running.getFirstOffset()).isEqualTo(7L);
        assertThat(running.getPartition()).isEqualTo(1);
        assertThat(testSubject.isContinued()).isTrue();
    }

    @Test
    void aRunKnownOnlyFromLeftoversTakesTheEarliestCopyOfItsFirstEventAsItsStart() {
        RunTracker testSubject = new RunTracker("run-a", "events");
        testSubject.observe(event(EventType.RUN_START, 1, runStart(Map.of())));
        assertThat(testSubject.knownOnlyFromLeftovers()).isTrue();
        assertThat(testSubject.startTime()).isNotNull();

        testSubject.acked(0, metadata(98)); // the resent copy is acknowledged first
        testSubject.acked(0, metadata(0)); // then the original is read from the topic
        testSubject.acked(0, metadata(99)); // a later copy changes nothing

        assertThat(testSubject.crashed().getFirstOffset()).isEqualTo(0);
        assertThat(RunTracker.resumed(testSubject.checkpoint()).knownOnlyFromLeftovers()).isFalse();
    }

    private TrainerEvent event(EventType type, int epoch, Object payload) {
        return new TrainerEvent("run-a", seq++, Instant.parse("2026-02-01T00:00:00Z"), 0, 1, "h", type, epoch, 0L, null,
                payload);
    }

    private static RecordMetadata metadata(long offset) {
        return new RecordMetadata(new TopicPartition("events", 0), offset, 0, 0, 0, 0);
    }

    private static RunStart runStart(Map<String, String> hyperparameters) {
        RunConfig config = RunConfig.newBuilder().setNumEpochs(3).setTrainPerDeviceBatchSize(8)
                .setTrainDlKwargs(Map.of()).setEvalPerDeviceBatchSize(8).setEvalDlKwargs(Map.of())
                .setGradientAccumulationSteps(1).setGradientClipValue(null).setTrainTotalBatchSize(8)
                .setEvalTotalBatchSize(8).setNumUpdateStepsPerEpoch(10).setNumLocalUpdateStepsPerEpoch(10)
                .setMaxNumTrainSteps(30).setIsLocalProcessZero(true).setIsWorldProcessZero(true).setIsDistributed(false)
                .setMixedPrecision("no").setNumProcesses(1).build();
        return RunStart.newBuilder().setRunConfig(config).setKind(RunKind.TRAIN).setRunName("r")
                .setHyperparameters(hyperparameters).setSeed(1L).setModelSummary("mlp").setLibraryVersions(Map.of())
                .setGitSha(null).setWatchMetric("eval_loss_epoch").setGreaterIsBetter(false).build();
    }
}
