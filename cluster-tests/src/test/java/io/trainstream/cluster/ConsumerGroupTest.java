package io.trainstream.cluster;

import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.cluster.support.ClusterPublishing;
import io.trainstream.cluster.support.ClusterResults;
import io.trainstream.cluster.support.ClusterTraining;
import io.trainstream.cluster.support.ConsumerInstance;
import io.trainstream.cluster.support.SharedCluster;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer group of three instances (each a logging and a metrics consumer) over the 6 partitions of
 * the events topic on the three-node cluster, while trainers publish: one instance is killed (no final
 * flush or commit) and a fourth joins mid-stream, between two waves of runs. What the group leaves —
 * the durable logging lines of every instance, the dead one's cut back to its checkpoint as its restart
 * would, and every metric CSV — equals what one consumer alone writes for the same log: no line missing,
 * none twice, and every run's metrics exported by a live member.
 */
class ConsumerGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aGroupThatLosesAMemberAndGainsOneWritesWhatOneConsumerWrites(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        EmbeddedKafkaCluster cluster = SharedCluster.get();
        KafkaPublisherConfig config = ClusterPublishing.config(cluster.bootstrapServers(), "consumer-group",
                dir.resolve("outbox"), Map.of());
        TopicSetup.ensureTopics(config, Duration.ofSeconds(60));
        String servers = cluster.bootstrapServers();
        String topic = config.eventsTopic();

        List<ConsumerInstance> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(new ConsumerInstance(servers, topic, "group.", dir.resolve("member-" + i)));
        }
        List<String> runIds = new ArrayList<>();
        ConsumerInstance dead = members.get(0);
        long processedByDead;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            runIds.addAll(train(publisher, 4));
            assertThat(publisher.flush(Duration.ofSeconds(60))).isTrue();
            long firstWave = totalEvents(servers, topic, runIds, config);
            await("the three members consumed the first wave (" + firstWave + " events)",
                    () -> members.stream().mapToLong(ConsumerInstance::processed).sum() >= firstWave
                            && members.stream().allMatch(ConsumerInstance::caughtUp));
            Thread.sleep(1_000); // the runners commit once caught up
            processedByDead = dead.processed();
            dead.kill();
            members.add(new ConsumerInstance(servers, topic, "group.", dir.resolve("member-3")));
            runIds.addAll(train(publisher, 6));
            assertThat(publisher.flush(Duration.ofSeconds(60))).isTrue();
        }
        List<ConsumerInstance> live = members.subList(1, members.size());
        long total = totalEvents(servers, topic, runIds, config);
        await("the live members consumed everything (" + total + " events)",
                () -> live.stream().allMatch(ConsumerInstance::caughtUp) && runIds.stream().allMatch(
                        run -> live.stream().anyMatch(m -> m.metricCsvs().containsKey(run))));
        live.forEach(ConsumerInstance::close);
        assertThat(live).allSatisfy(m -> assertThat(m.failures()).isEmpty());

        ConsumerInstance alone = new ConsumerInstance(servers, topic, "alone.", dir.resolve("alone"));
        await("the single consumer read everything", () -> alone.caughtUp() && runIds.stream().allMatch(
                run -> alone.metricCsvs().containsKey(run)));
        alone.close();

        List<String> groupLines = new ArrayList<>();
        members.forEach(m -> groupLines.addAll(m.durableLoggingLines()));
        List<String> aloneLines = alone.durableLoggingLines();
        assertThat(groupLines).as("no logging line twice").doesNotHaveDuplicates();
        assertThat(groupLines).as("the group's logging lines are the single consumer's")
                .containsExactlyInAnyOrderElementsOf(aloneLines);
        Map<String, String> aloneCsvs = alone.metricCsvs();
        for (String run : runIds) {
            List<String> exported = new ArrayList<>();
            live.forEach(m -> {
                if (m.metricCsvs().containsKey(run)) {
                    exported.add(m.metricCsvs().get(run));
                }
            });
            assertThat(exported).as("run " + run + " exported by a live member").isNotEmpty()
                    .allSatisfy(csv -> assertThat(csv).isEqualTo(aloneCsvs.get(run)));
        }

        LogInvariant report = LogInvariant.read(servers, Map.of(),
                topic, config.runsTopic()).only(runIds);
        report.assertEndedNormally();
        Map<String, Object> numbers = new LinkedHashMap<>(report.totals());
        numbers.put("members_at_start", 3);
        numbers.put("killed_after_processing", processedByDead);
        numbers.put("logging_processed_per_member", members.stream().map(ConsumerInstance::processed).toList());
        numbers.put("metrics_processed_per_member", members.stream().map(ConsumerInstance::metricsProcessed).toList());
        numbers.put("partitions_of_second_wave", runIds.subList(4, runIds.size()).stream()
                .map(ClusterPublishing::partitionOf).sorted().toList());
        numbers.put("logging_lines_group", groupLines.size());
        numbers.put("logging_lines_single_consumer", aloneLines.size());
        numbers.put("duplicate_lines", groupLines.size() - new java.util.HashSet<>(groupLines).size());
        numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
        ClusterResults.write("consumer-group", numbers);
    }

    private static List<String> train(KafkaEventPublisher publisher, int runs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ids.add(ClusterTraining.run(publisher, 3, 15));
        }
        return ids;
    }

    private static long totalEvents(String servers, String topic, List<String> runIds, KafkaPublisherConfig config) {
        Map<String, Long> counts = new HashMap<>();
        LogInvariant.read(servers, Map.of(), topic, config.runsTopic()).only(runIds).runs()
                .forEach((run, check) -> counts.put(run, check.expected()));
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
