package io.trainstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainstream.schemas.avro.EpochChangeCause;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventValidationTest {

    @Test
    void aNegativeSeqIsRejectedNamingTheRun() {
        assertThatThrownBy(() -> EventHeader.of("run-1", -1, 0L, "h", 1, 0L, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event header of run run-1: seq must be >= 0, was -1");
    }

    @Test
    void aBlankRunIdIsRejected() {
        assertThatThrownBy(() -> EventHeader.of(" ", 0, 0L, "h", 1, 0L, null))
                .hasMessage("event header: runId must not be blank");
    }

    @Test
    void aProcessOutsideTheRunsProcessesIsRejected() {
        assertThatThrownBy(() -> new EventHeader("run-1", 4, 0L, 2, 2, "h", 1, 0L, null))
                .hasMessage("event header of run run-1 seq 4: process 2 of 2 is not a process of the run");
    }

    @Test
    void aMetricUpdateNeedsAName() {
        assertThatThrownBy(() -> new EventBody.MetricUpdate(null, 1.0))
                .isInstanceOf(NullPointerException.class).hasMessage("metric_update name");
    }

    @Test
    void anEpochChangeToEpochZeroIsRejected() {
        assertThatThrownBy(() -> new EventBody.EpochChange(0, EpochChangeCause.RESET))
                .hasMessage("epoch_change epoch must be >= 1, was 0");
    }

    @Test
    void aCustomEventMayNotTakeABuiltInName() {
        assertThatThrownBy(() -> new EventBody.Custom("train_step_end", Map.of()))
                .hasMessage("custom event name 'train_step_end' is a built-in event's name");
    }

    @Test
    void aCustomFieldOfATypeTheLogDoesNotCarryIsRejectedNamingIt() {
        assertThatThrownBy(() -> new EventBody.Custom("verify", Map.of("xb", new Object())))
                .hasMessageStartingWith("custom event 'verify' field 'xb' is a Object;");
        assertThatThrownBy(() -> new EventBody.Custom("verify", Map.of("n", 3)))
                .hasMessageStartingWith("custom event 'verify' field 'n' is a Integer;");
    }

    @Test
    void aNegativeBatchSizeIsRejected() {
        assertThatThrownBy(() -> new StepValues(1.0, 1.0, -1, null, null, List.of()))
                .hasMessage("step end batch_size must be >= 0, was -1");
    }

    @Test
    void everyWayARunEndsMapsToTheRunsIndexStatusOfTheSameName() {
        for (io.trainstream.schemas.avro.RunEndStatus how : io.trainstream.schemas.avro.RunEndStatus.values()) {
            assertThat(new EventBody.RunEnd(how, null, 0, 0).runStatus().name()).isEqualTo(how.name());
        }
    }
}
