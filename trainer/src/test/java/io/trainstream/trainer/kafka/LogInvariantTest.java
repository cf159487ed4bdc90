package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier the fault tests rely on catches each way the log can be wrong. */
class LogInvariantTest {

    private final List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
    private long offset;

    @Test
    void aCompleteRunWithAnIdenticalResendHolds() {
        add(0, EventType.TRAIN_EPOCH_START, new Lifecycle(), 1);
        add(1, EventType.TRAIN_EPOCH_END, new Lifecycle(), 1);
        events.add(events.get(1));
        add(2, EventType.RUN_END, new RunEnd(RunEndStatus.COMPLETED, null, 1, 5L), 1);

        LogInvariant testSubject = LogInvariant.of(events, List.of(summary(RunStatus.COMPLETED, 2L, 1)));

        testSubject.assertHolds();
        assertThat(testSubject.run("run-a").duplicated()).isEqualTo(1);
    }

    @Test
    void twoContentsForOneSeqAGapAMissingEndAndADisagreeingIndexAreEachCaught() {
        add(0, EventType.TRAIN_EPOCH_START, new Lifecycle(), 1);
        add(2, EventType.TRAIN_EPOCH_END, new Lifecycle(), 1);
        add(2, EventType.TRAIN_EPOCH_START, new Lifecycle(), 2);

        LogInvariant testSubject = LogInvariant.of(events, List.of(summary(RunStatus.COMPLETED, 1L, 1)));

        assertThat(testSubject.run("run-a").problems()).anyMatch(p -> p.contains("two different contents"))
                .anyMatch(p -> p.contains("missing")).anyMatch(p -> p.contains("not run_end"))
                .anyMatch(p -> p.contains("last_seq"));
        assertThat(testSubject.run("run-a").conflicting()).isEqualTo(1);
        assertThatThrownBy(testSubject::assertHolds).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRunWithoutEndHoldsOnlyWhenTheIndexSaysCrashed() {
        add(0, EventType.TRAIN_EPOCH_START, new Lifecycle(), 1);

        assertThat(LogInvariant.of(events, List.of(summary(RunStatus.CRASHED, 0L, 0))).run("run-a").problems()).isEmpty();
        assertThat(LogInvariant.of(events, List.of(summary(RunStatus.RUNNING, 0L, 0))).run("run-a").problems()).isNotEmpty();
        assertThat(LogInvariant.of(events, List.of()).run("run-a").problems()).contains("run run-a is not in the runs index");
    }

    @Test
    void anIndexPointingElsewhereThanTheRunsFirstRecordIsCaught() {
        offset = 40;
        add(0, EventType.TRAIN_EPOCH_START, new Lifecycle(), 1);
        add(1, EventType.RUN_END, new RunEnd(RunEndStatus.STOPPED, null, 1, 5L), 1);

        LogInvariant testSubject = LogInvariant.of(events, List.of(summary(RunStatus.STOPPED, 1L, 1)));

        assertThat(testSubject.run("run-a").problems()).containsExactly(
                "index first_offset 0 but the run's first record is at 40");
        assertThat(testSubject.totals()).containsEntry("events_delivered", 2L).containsEntry("problems", 1);
        assertThatThrownBy(testSubject::assertEndedNormally).isInstanceOf(AssertionError.class);
    }

    @Test
    void aFailedRunHoldsButHasNotEndedNormally() {
        add(0, EventType.TRAIN_EPOCH_START, new Lifecycle(), 1);
        add(1, EventType.RUN_END, new RunEnd(RunEndStatus.FAILED, "boom", 0, 5L), 1);

        LogInvariant testSubject = LogInvariant.of(events, List.of(summary(RunStatus.FAILED, 1L, 0)));

        testSubject.assertHolds();
        assertThatThrownBy(testSubject::assertEndedNormally).isInstanceOf(AssertionError.class)
                .hasMessageContaining("FAILED");
    }

    private void add(long seq, EventType type, Object payload, int epoch) {
        TrainerEvent event = new TrainerEvent("run-a", seq, Instant.parse("2026-12-01T00:00:00Z"), 0, 1, "h", type, epoch,
                0L, null, payload);
        events.add(new ConsumerRecord<>("events", 0, offset++, "run-a", EventCodec.encode(event)));
    }

    private static ConsumerRecord<String, byte[]> summary(RunStatus status, Long lastSeq, int epochs) {
        RunSummary summary = RunSummary.newBuilder().setRunId("run-a").setStatus(status).setKind(RunKind.TRAIN)
                .setStartTime(Instant.parse("2026-12-01T00:00:00Z")).setHost("h").setConfig(Map.of())
                .setEpochsCompleted(epochs).setGlobalStep(5L).setEventsTopic("events").setPartition(0).setFirstOffset(0L)
                .setLastOffset(3L).setLastSeq(lastSeq).setUpdatedTime(Instant.parse("2026-12-01T00:00:01Z")).build();
        return new ConsumerRecord<>("runs", 0, 0, "run-a", RunSummaryCodec.encode(summary));
    }
}
