package io.trainstream.consumers.replay;

import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.ReplayStatus;
import io.trainstream.consumers.runtime.ResetReason;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.AvroEvents;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRedriveTest {

    @TempDir
    Path dir;

    private static RunLog run(String runId) {
        List<TrainerEvent> events = SyntheticRun.events(runId, 2, 3);
        RunSummary summary = new RunSummary(runId, null, RunStatus.COMPLETED, RunKind.TRAIN, Instant.EPOCH, Instant.EPOCH, "host",
                Map.of(), null, null, null, 2, 6L, "events", 1, 0L, (long) events.size() - 1, (long) events.size() - 1, Instant.EPOCH);
        return new RunLog(summary, AvroEvents.fromAvro(events), 0, 0);
    }

    /** A sink that records what it gets, accepting replays or not, rebuilding from the start or not. */
    private static final class Sink implements EventSink {
        final List<ConsumedEvent> handled = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final boolean replays;
        final boolean rebuilds;
        int flushes;

        Sink(boolean replays) {
            this(replays, false);
        }

        Sink(boolean replays, boolean rebuilds) {
            this.replays = replays;
            this.rebuilds = rebuilds;
        }

        @Override
        public boolean rebuildsFromStart() {
            return rebuilds;
        }

        @Override
        public void onReset(Set<Integer> partitions, ResetReason reason) {
            calls.add("reset " + partitions + " " + reason);
        }

        @Override
        public void onCaughtUp(int partition) {
            calls.add("caught up " + partition + " after " + handled.size() + " events, " + flushes + " flush");
        }

        @Override
        public String name() {
            return "test-sink";
        }

        @Override
        public boolean supportsReplay() {
            return replays;
        }

        @Override
        public void handle(ConsumedEvent event) {
            handled.add(event);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void everyEventOfTheRunReachesTheSinkMarkedReplayThenItIsFlushed() {
        RunLog run = run("run-a");
        Sink testSubject = new Sink(true);

        RunRedrive.redrive(run, testSubject);

        assertThat(testSubject.handled).hasSameSizeAs(run.events())
                .allSatisfy(event -> assertThat(event.status()).isEqualTo(ReplayStatus.REPLAY));
        assertThat(testSubject.flushes).isEqualTo(1);
    }

    @Test
    void aReDriveIsFramedAsARunnerReReadingTheRunsPartitionIs() {
        RunLog run = run("run-c");
        Sink rebuilding = new Sink(true, true);
        Sink durable = new Sink(true, false);

        RunRedrive.redrive(run, rebuilding);
        RunRedrive.redrive(run, durable);

        String caughtUp = "caught up 1 after " + run.events().size() + " events, 1 flush";
        assertThat(rebuilding.calls).containsExactly("reset [1] REASSIGNED", caughtUp);
        assertThat(durable.calls).containsExactly(caughtUp);
    }

    @Test
    void aSinkThatDoesNotSupportReplayIsRefusedBeforeAnyEvent() {
        Sink testSubject = new Sink(false);

        assertThatThrownBy(() -> RunRedrive.redrive(run("run-b"), testSubject))
                .isInstanceOf(ReplayNotSupportedException.class).hasMessageContaining("'test-sink' does not support replay");
        assertThat(testSubject.handled).isEmpty();
    }

    @Test
    void aReplayDirectoryAndALiveDirectoryNeverMix() {
        ReplayOutputs.claimForLive(dir.resolve("live"), "predictions");
        ReplayOutputs.claimForReplay(dir.resolve("replay"), "predictions");

        assertThatThrownBy(() -> ReplayOutputs.claimForReplay(dir.resolve("live"), "predictions"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a live consumer writes there");
        assertThatThrownBy(() -> ReplayOutputs.claimForLive(dir.resolve("replay"), "predictions"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a replay wrote to it");
    }
}
