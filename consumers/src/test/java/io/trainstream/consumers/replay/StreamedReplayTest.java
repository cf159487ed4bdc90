package io.trainstream.consumers.replay;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code replay} command's path, {@link RecordedRuns#stream} into {@link RunReplay#rebuild()}:
 * the same replay as the collecting path, with no event left reachable once it has been applied (a
 * probe of weak references that the collecting path fails).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamedReplayTest {

    private static final int EPOCHS = 40;
    private static final int STEPS = 100;

    @Test
    void streamingRebuildsTheSameReplayAsCollectingAndKeepsNoEventReachable() throws Exception {
        String topic = KafkaTestSupport.newTopic("streamed-replay", 1);
        String runId = "long-" + UUID.randomUUID();
        List<TrainerEvent> wire = SyntheticRun.events(runId, EPOCHS, STEPS);
        int count = wire.size();
        KafkaTestSupport.produce(topic, wire);
        wire = null; // the test must not hold the run either
        RunSummary summary = summary(runId, topic, count);
        KafkaReadSettings settings = KafkaReadSettings.of(KafkaTestSupport.bootstrap());

        ReachabilityProbe streamedProbe = new ReachabilityProbe();
        RunReplay.Rebuild rebuild = RunReplay.rebuild();
        StreamedRun read = RecordedRuns.stream(settings, summary, rebuild.andThen(streamedProbe));
        RunReplay streamed = rebuild.result();

        assertThat(read.events()).isEqualTo(count);
        assertThat(read.isComplete()).isTrue();
        assertThat(streamedProbe.seen()).isEqualTo(count);
        assertThat(streamedProbe.stillReachable()).as("events reachable after the streamed replay").isLessThanOrEqualTo(1);

        ReachabilityProbe collectedProbe = new ReachabilityProbe();
        RunLog log = new RunLogReader(settings, "unused").read(summary);
        RunReplay collected = RunReplay.of(log.events());
        log.events().forEach(collectedProbe);
        assertThat(collectedProbe.stillReachable()).as("the probe sees what the collecting path holds").isEqualTo(count);

        assertThat(streamed.eventCount()).isEqualTo(count).isEqualTo(collected.eventCount());
        assertThat(streamed.lastSeq()).isEqualTo(count - 1).isEqualTo(collected.lastSeq());
        assertThat(streamed.history().toString()).isEqualTo(collected.history().toString());
        assertThat(streamed.history().metricNames()).contains("train_loss_epoch", "eval_loss_epoch");
        assertThat(streamed.status()).isEqualTo("COMPLETED").isEqualTo(collected.status());
        assertThat(streamed.epochsCompleted()).isEqualTo(EPOCHS).isEqualTo(collected.epochsCompleted());
        assertThat(streamed.trainSteps()).isEqualTo((long) EPOCHS * STEPS);
        assertThat(streamed.stepLosses()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(collected.stepLosses()).hasSize(EPOCHS * STEPS);
        assertThat(log.events().size()).isEqualTo(count); // keeps the collected list alive up to the probe
    }

    @Test
    void aRunTheIndexDoesNotKnowIsScannedSaidSoAndHandedOverOnce() {
        String topic = KafkaTestSupport.newTopic("streamed-replay-scan", 1);
        String runId = "unindexed-" + UUID.randomUUID();
        List<TrainerEvent> wire = SyntheticRun.events(runId, 2, 3);
        KafkaTestSupport.produce(topic, wire);
        List<String> notices = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();

        StreamedRun read = RecordedRuns.streamOrScan(KafkaReadSettings.of(KafkaTestSupport.bootstrap()),
                "no-index-" + UUID.randomUUID(), topic, runId, notices::add, event -> seqs.add(event.seq()));

        assertThat(notices).singleElement().asString().contains("is not in the runs index").contains(topic);
        assertThat(seqs).hasSize(wire.size()).isSorted().doesNotHaveDuplicates();
        assertThat(read.events()).isEqualTo(wire.size());
        assertThat(read.summary().getEventsTopic()).isEqualTo(topic);
    }

    private static RunSummary summary(String runId, String topic, long count) {
        return RunSummary.newBuilder().setRunId(runId).setRunName(null).setStatus(RunStatus.COMPLETED).setKind(RunKind.TRAIN)
                .setStartTime(Instant.EPOCH).setHost("test").setConfig(Map.of()).setEpochsCompleted(EPOCHS).setGlobalStep(0)
                .setEventsTopic(topic).setPartition(0).setFirstOffset(0).setLastOffset(count - 1).setLastSeq(count - 1)
                .setUpdatedTime(Instant.EPOCH).build();
    }

    /** Holds each event weakly; after a full GC, only events something else still holds are left. */
    private static final class ReachabilityProbe implements Consumer<RunEvent> {
        private final List<WeakReference<RunEvent>> refs = new ArrayList<>();

        @Override
        public void accept(RunEvent event) {
            refs.add(new WeakReference<>(event));
        }

        int seen() {
            return refs.size();
        }

        long stillReachable() throws InterruptedException {
            long alive = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5 && alive > 1; attempt++) {
                System.gc();
                Thread.sleep(50);
                alive = refs.stream().filter(ref -> ref.get() != null).count();
            }
            return alive;
        }
    }
}
