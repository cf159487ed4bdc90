package io.trainstream.schemas;

import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deterministic run summaries shared by the round-trip and fixture tests. */
public final class SampleRunSummaries {

    private SampleRunSummaries() {
    }

    /** Returns the samples by fixture name, in a fixed order. */
    public static Map<String, RunSummary> all() {
        Map<String, RunSummary> samples = new LinkedHashMap<>();
        samples.put("running", running());
        samples.put("completed", completed());
        samples.put("interrupted", RunSummary.newBuilder(completed()).setStatus(RunStatus.INTERRUPTED).build());
        return samples;
    }

    /** A run still in progress: every nullable field null. */
    public static RunSummary running() {
        return RunSummary.newBuilder()
                .setRunId("run-1").setStatus(RunStatus.RUNNING).setKind(RunKind.TRAIN)
                .setStartTime(Instant.parse("2024-05-01T12:00:00Z")).setHost("node-1")
                .setConfig(new LinkedHashMap<>()).setEpochsCompleted(0).setGlobalStep(0L)
                .setEventsTopic("trainstream.events").setPartition(0).setFirstOffset(0L)
                .setUpdatedTime(Instant.parse("2024-05-01T12:00:01Z")).build();
    }

    /** A finished run with every field set, a NaN last value and an infinite best value. */
    public static RunSummary completed() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("num_epochs", "10");
        config.put("lr", "0.001");
        return RunSummary.newBuilder()
                .setRunId("run-2").setRunName("iris-mlp").setStatus(RunStatus.COMPLETED).setKind(RunKind.EVALUATE)
                .setStartTime(Instant.parse("2024-05-01T12:00:00Z")).setEndTime(Instant.parse("2024-05-01T12:05:00.125Z"))
                .setHost("node-2").setConfig(config).setWatchMetric("eval_loss_epoch")
                .setWatchMetricLast(Double.NaN).setWatchMetricBest(Double.NEGATIVE_INFINITY)
                .setEpochsCompleted(10).setGlobalStep(200L).setEventsTopic("trainstream.events")
                .setPartition(3).setFirstOffset(1000L).setLastOffset(1450L).setLastSeq(450L)
                .setUpdatedTime(Instant.parse("2024-05-01T12:05:00.125Z")).build();
    }
}
