package io.trainstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void threeNodesReplicateAndSurviveTheirLeaderBeingKilled(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaCluster testSubject = new EmbeddedKafkaCluster(
                KafkaClusterConfig.builder(dir).optNodes(3)
                        .addNodeJvmOptions(KafkaClusterConfig.FAST_START_JVM_OPTIONS).build()).start()) {
            assertThat(testSubject.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}");
            try (Admin admin = Admin.create(testSubject.adminSettings())) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
                admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
                String minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                        .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value();
                assertThat(minIsr).isEqualTo("2");
            }
            assertThat(testSubject.awaitFullyReplicated(Duration.ofSeconds(30))).isTrue();
            List<String> before = IntStream.range(0, 20).mapToObj(i -> "before-" + i).toList();
            Records.send(testSubject.bootstrapServers(), "replicated", before);

            int leader = testSubject.leaderOf("replicated", 0);
            testSubject.killNode(leader);
            assertThat(testSubject.isNodeRunning(leader)).isFalse();
            List<String> after = IntStream.range(0, 20).mapToObj(i -> "after-" + i).toList();
            Records.send(testSubject.bootstrapServers(), "replicated", after);
            assertThat(testSubject.leaderOf("replicated", 0)).as("a new leader").isNotEqualTo(leader);

            testSubject.startNode(leader);
            long waiting = System.nanoTime();
            assertThat(testSubject.awaitFullyReplicated(Duration.ofSeconds(60))).as("the node caught up").isTrue();
            System.out.println("fully replicated " + (System.nanoTime() - waiting) / 1_000_000 + " ms after the restart");
            assertThat(Records.read(testSubject.bootstrapServers(), "replicated", 40, Duration.ofSeconds(30)))
                    .containsExactlyElementsOf(concat(before, after));
            try (Admin admin = Admin.create(testSubject.adminSettings())) {
                TopicDescription description = admin.describeTopics(Set.of("replicated")).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get("replicated");
                assertThat(description.partitions().get(0).isr()).hasSize(3);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
