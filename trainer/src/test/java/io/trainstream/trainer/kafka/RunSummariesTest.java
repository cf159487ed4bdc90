package io.trainstream.trainer.kafka;

import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's summaries reach the compacted runs topic in the order they were queued: a summary whose send
 * failed is resent only while it is still its run's latest, so a retried RUNNING never lands after the
 * CRASHED (or final) summary queued meanwhile — the index would otherwise keep RUNNING for a dead run.
 */
class RunSummariesTest {

    @TempDir
    Path slot;

    @Test
    void aFailedSummaryIsNotResentAfterALaterOneOfItsRun() {
        DeliveryStats stats = new DeliveryStats();
        RunSummaries summaries = new RunSummaries("runs", new RunFiles(slot), stats);
        RunSummary running = summary("run-a", RunStatus.RUNNING);
        summaries.queue(running);
        assertThat(summaries.dueQueue().poll()).isSameAs(running);     // handed to the producer

        RunSummary crashed = summary("run-a", RunStatus.CRASHED);
        summaries.queueFinal(crashed);
        summaries.done(running, new TimeoutException("metadata not available after 1000 ms"));

        assertThat(List.copyOf(summaries.dueQueue())).containsExactly(crashed);
        summaries.dueQueue().poll();
        summaries.done(crashed, null);
        assertThat(stats.awaitIdle(java.time.Duration.ofSeconds(1))).as("nothing left outstanding").isTrue();
    }

    @Test
    void aFailedSummaryThatIsStillTheLatestIsResent() {
        DeliveryStats stats = new DeliveryStats();
        RunSummaries summaries = new RunSummaries("runs", new RunFiles(slot), stats);
        RunSummary running = summary("run-b", RunStatus.RUNNING);
        RunSummary other = summary("run-c", RunStatus.RUNNING);
        summaries.queue(running);
        summaries.queue(other);
        assertThat(summaries.dueQueue().poll()).isSameAs(running);

        summaries.done(running, new TimeoutException("request timed out"));

        assertThat(List.copyOf(summaries.dueQueue())).containsExactly(other, running);
    }

    private static RunSummary summary(String runId, RunStatus status) {
        return RunSummary.newBuilder().setRunId(runId).setStatus(status).setKind(RunKind.TRAIN)
                .setStartTime(Instant.parse("2026-12-01T00:00:00Z")).setHost("h").setConfig(Map.of())
                .setEpochsCompleted(1).setGlobalStep(5L).setEventsTopic("events").setPartition(0).setFirstOffset(0L)
                .setLastOffset(3L).setLastSeq(3L).setUpdatedTime(Instant.parse("2026-12-01T00:00:01Z")).build();
    }
}
