package io.trainstream.consumers.metrics;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.RealRun;
import io.trainstream.consumers.runtime.ResetReason;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.history.HistoryRebuild;
import io.trainstream.events.history.RunHistory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two metrics consumers in one group, with a rebalance when the second starts mid-stream and another
 * when the first stops, hold together exactly what one consumer holds: no value doubled by a re-read
 * (also for a real run trained with {@code resetRunHistory(false)}, which has no {@code history_reset}
 * to hide one), and no run left behind in the member that gave it away.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MetricsConsumerRebalanceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;

    @Test
    void twoInstancesAcrossRebalancesHoldWhatOneConsumerHoldsValueForValue(@TempDir Path dir) throws Exception {
        Map<String, List<TrainerEvent>> runs = recordedRuns();
        String noResetRun = runs.keySet().iterator().next();
        assertThat(runs.get(noResetRun)).noneMatch(e -> e.getType() == EventType.HISTORY_RESET);
        List<TrainerEvent> stream = interleave(runs);
        int third = stream.size() / 3;
        String topic = KafkaTestSupport.newTopic("metrics-rebalance", PARTITIONS);
        RunnerConfig group = KafkaTestSupport.config(topic).build();
        Path sharedCsv = dir.resolve("group");

        Observed first = new Observed(new MetricsConsumer(sharedCsv));
        Observed second = new Observed(new MetricsConsumer(sharedCsv));
        KafkaTestSupport.produce(topic, stream.subList(0, third));
        ConsumerRunner firstRunner = new ConsumerRunner(first, group).start();
        ConsumerRunner secondRunner = null;
        Map<String, Map<String, List<Double>>> combined = new HashMap<>();
        Map<String, RunView> combinedViews = new HashMap<>();
        try {
            await("first third", () -> holds(List.of(first), stream.subList(0, third)), WAIT);
            // the second member joins while the second third is being read: a rebalance mid-stream
            KafkaTestSupport.produce(topic, stream.subList(third, 2 * third));
            secondRunner = new ConsumerRunner(second, group).start();
            List<TrainerEvent> twoThirds = stream.subList(0, 2 * third);
            await("two thirds, split between both", () -> !second.metrics.runs().isEmpty()
                    && holds(List.of(first, second), twoThirds), WAIT);
            assertThat(Collections.disjoint(first.metrics.runs().keySet(), second.metrics.runs().keySet()))
                    .as("a run lives in one member only").isTrue();
            assertSameAsRebuilt(List.of(first, second), twoThirds);
            assertThat(first.resets).contains(ResetReason.REVOKED);

            // the first member leaves mid-stream: the second takes every partition over
            KafkaTestSupport.produce(topic, stream.subList(2 * third, stream.size()));
            firstRunner.close();
            await("everything in the second", () -> holds(List.of(second), stream), WAIT);
            ConsumerRunner survivor = secondRunner;
            await("second caught up", survivor::caughtUp, WAIT);
            // the group's output, taken before the last member leaves (leaving drops what it held)
            for (Observed member : List.of(first, second)) {
                member.metrics.runs().forEach((runId, view) -> {
                    combinedViews.put(runId, view);
                    combined.put(runId, member.metrics.metricHistory(runId).orElseThrow());
                });
            }
        } finally {
            firstRunner.close();
            if (secondRunner != null) {
                secondRunner.close();
            }
        }
        assertThat(first.metrics.runs()).as("runs given away are dropped").isEmpty();
        assertThat(combined.keySet()).isEqualTo(runs.keySet());
        assertThat(second.caughtUp).containsAll(Set.of(0, 1, 2));

        MetricsConsumer single = new MetricsConsumer(dir.resolve("single"));
        try (ConsumerRunner runner = new ConsumerRunner(single, KafkaTestSupport.config(topic)
                .optGroupPrefix(topic + ".single.").build()).start()) {
            await("everything in one consumer", () -> holds(List.of(new Observed(single)), stream), WAIT);
            for (String runId : runs.keySet()) {
                Map<String, List<Double>> expected = single.metricHistory(runId).orElseThrow();
                Map<String, List<Double>> ofGroup = combined.get(runId);
                assertThat(ofGroup.keySet()).as(runId).containsExactlyElementsOf(expected.keySet());
                expected.forEach((name, values) -> assertThat(ofGroup.get(name)).as(runId + " " + name)
                        .containsExactlyElementsOf(values));
                assertThat(combinedViews.get(runId)).isEqualTo(single.run(runId).orElseThrow());
            }
            assertSameAsRebuilt(List.of(new Observed(single)), stream);
        }
        assertThat(KafkaTestSupport.tree(sharedCsv)).isEqualTo(KafkaTestSupport.tree(dir.resolve("single")));
    }

    /** A real run without a starting history_reset, a real one with, and synthetic runs on every partition. */
    private static Map<String, List<TrainerEvent>> recordedRuns() {
        String scratch = "metrics-rebalance-scratch-" + UUID.randomUUID().toString().substring(0, 8);
        RealRun.Outcome noReset = RealRun.train(scratch, 2, false, false);
        RealRun.Outcome withReset = RealRun.train(scratch, 2, false, true);
        Map<String, List<TrainerEvent>> real = readRuns(scratch, Set.of(noReset.runId(), withReset.runId()));
        assertThat(HistoryRebuild.rebuild(AvroEvents.fromAvro(real.get(noReset.runId()))).metricValues("train_loss_epoch"))
                .containsExactlyElementsOf(noReset.history().get("train_loss_epoch"));
        Map<String, List<TrainerEvent>> runs = new LinkedHashMap<>();
        runs.put(noReset.runId(), real.get(noReset.runId()));
        runs.put(withReset.runId(), real.get(withReset.runId()));
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; covered.size() < PARTITIONS || runs.size() < 6; i++) {
            String runId = "synthetic-" + i;
            if (covered.add(partitionOf(runId)) || runs.size() < 6) {
                runs.put(runId, SyntheticRun.events(runId, 3, 4));
            }
        }
        return runs;
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static Map<String, List<TrainerEvent>> readRuns(String topic, Set<String> runIds) {
        Map<String, List<TrainerEvent>> runs = new HashMap<>();
        Set<String> ended = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KafkaTestSupport.bootstrap()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ended.containsAll(runIds) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TrainerEvent event = EventCodec.decode(record.value());
                    runs.computeIfAbsent(event.getRunId(), id -> new ArrayList<>()).add(event);
                    if (event.getType() == EventType.RUN_END) {
                        ended.add(event.getRunId());
                    }
                }
            }
        }
        assertThat(ended).containsAll(runIds);
        return runs;
    }

    /** Round-robin over the runs, each run's events in seq order: runs progress side by side. */
    private static List<TrainerEvent> interleave(Map<String, List<TrainerEvent>> runs) {
        List<TrainerEvent> out = new ArrayList<>();
        int longest = runs.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<TrainerEvent> events : runs.values()) {
                if (i < events.size()) {
                    out.add(events.get(i));
                }
            }
        }
        return out;
    }

    /** @return true when the members together have applied every run of {@code events} up to its last seq */
    private static boolean holds(List<Observed> members, List<TrainerEvent> events) {
        Map<String, Long> last = new HashMap<>();
        events.forEach(e -> last.merge(e.getRunId(), e.getSeq(), Math::max));
        Map<String, Long> held = new HashMap<>();
        for (Observed member : members) {
            member.metrics.runs().forEach((id, view) -> held.merge(id, view.lastSeq(), Math::max));
        }
        return held.equals(last);
    }

    /** Each run's history, wherever it lives, equals the one rebuilt from its events read once. */
    private static void assertSameAsRebuilt(List<Observed> members, List<TrainerEvent> events) {
        Map<String, List<TrainerEvent>> byRun = new LinkedHashMap<>();
        events.forEach(e -> byRun.computeIfAbsent(e.getRunId(), id -> new ArrayList<>()).add(e));
        byRun.forEach((runId, runEvents) -> {
            RunHistory expected = HistoryRebuild.rebuild(AvroEvents.fromAvro(runEvents));
            Map<String, List<Double>> actual = members.stream().map(m -> m.metrics.metricHistory(runId))
                    .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
            assertThat(actual.keySet()).as(runId).containsExactlyElementsOf(expected.metricNames());
            expected.metricNames().forEach(name -> assertThat(actual.get(name)).as(runId + " " + name)
                    .containsExactlyElementsOf(expected.metricValues(name)));
        });
    }

    /** A metrics consumer whose reset and caught-up signals are recorded on their way. */
    private static final class Observed implements EventSink {
        final MetricsConsumer metrics;
        final List<ResetReason> resets = Collections.synchronizedList(new ArrayList<>());
        final Set<Integer> caughtUp = Collections.synchronizedSet(new HashSet<>());

        Observed(MetricsConsumer metrics) {
            this.metrics = metrics;
        }

        @Override public String name() { return metrics.name(); }
        @Override public boolean supportsReplay() { return metrics.supportsReplay(); }
        @Override public boolean rebuildsFromStart() { return metrics.rebuildsFromStart(); }
        @Override public void handle(ConsumedEvent event) { metrics.handle(event); }
        @Override public void flush() { metrics.flush(); }

        @Override
        public void onReset(Set<Integer> partitions, ResetReason reason) {
            resets.add(reason);
            if (reason != ResetReason.REVOKED) {
                partitions.forEach(caughtUp::remove);
            }
            metrics.onReset(partitions, reason);
        }

        @Override
        public void onCaughtUp(int partition) {
            caughtUp.add(partition);
        }
    }
}
