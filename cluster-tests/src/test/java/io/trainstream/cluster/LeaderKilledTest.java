package io.trainstream.cluster;

import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.cluster.support.ClusterPublishing;
import io.trainstream.cluster.support.ClusterResults;
import io.trainstream.cluster.support.ClusterTraining;
import io.trainstream.cluster.support.SharedCluster;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL of the node that leads the run's partition, in the middle of a real training run on the
 * three-node cluster: training goes on, the producer (idempotent, acks=all) follows the new leader, and
 * the raw topics hold every event of the run once, in order, ending with run_end, with the runs index
 * agreeing. The topics were created by {@link TopicSetup} fitted to the cluster: replication factor 3,
 * min.insync.replicas 2.
 */
class LeaderKilledTest {

    private static final int EPOCHS = 8;
    private static final int KILL_AT_EPOCH = 3;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void trainingGoesOnAndEveryEventArrivesOnceInOrderWhenThePartitionLeaderIsKilled(@TempDir Path dir)
            throws Exception {
        long began = System.nanoTime();
        EmbeddedKafkaCluster cluster = SharedCluster.get();
        KafkaPublisherConfig config = ClusterPublishing.config(cluster.bootstrapServers(), "leader-killed",
                dir.resolve("outbox"), Map.of());
        TopicSetup.Result topics = TopicSetup.ensureTopics(config, Duration.ofSeconds(60));
        assertThat(topics.created()).containsExactly(config.eventsTopic(), config.runsTopic());
        assertReplicatedThreeTimesWithMinIsrTwo(cluster, config.eventsTopic());

        Killer killer = new Killer(cluster, config.eventsTopic());
        String runId;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            runId = ClusterTraining.run(publisher, EPOCHS, 60, killer);
            assertThat(publisher.flush(Duration.ofSeconds(90))).as("every event acknowledged: "
                    + publisher.deliveryReport().message()).isTrue();
        } finally {
            if (killer.killed > 0 && !cluster.isNodeRunning(killer.killed)) {
                cluster.startNode(killer.killed);
            }
        }
        assertThat(killer.killed).as("the partition leader was killed mid-run").isPositive();
        assertThat(killer.epochsAfterKill).as("training went on after the kill").isGreaterThanOrEqualTo(EPOCHS - KILL_AT_EPOCH);
        int newLeader = cluster.leaderOf(config.eventsTopic(), ClusterPublishing.partitionOf(runId));

        LogInvariant report = LogInvariant.read(cluster.bootstrapServers(), Map.of(),
                config.eventsTopic(), config.runsTopic()).only(List.of(runId));
        report.assertEndedNormally();
        assertThat(report.runs().get(runId).delivered()).isEqualTo(report.runs().get(runId).expected()).isPositive();
        assertThat(cluster.awaitFullyReplicated(Duration.ofSeconds(90))).as("the killed node caught up").isTrue();

        Map<String, Object> numbers = new LinkedHashMap<>(report.totals());
        numbers.put("killed_node", killer.killed);
        numbers.put("leader_after", newLeader);
        numbers.put("kill_at_epoch", KILL_AT_EPOCH);
        numbers.put("epochs_trained_after_kill", killer.epochsAfterKill);
        numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
        ClusterResults.write("leader-killed", numbers);
    }

    static void assertReplicatedThreeTimesWithMinIsrTwo(EmbeddedKafkaCluster cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.adminSettings())) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(ClusterPublishing.PARTITIONS)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String minIsr = admin.describeConfigs(List.of(resource)).all().get(20, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value();
            assertThat(minIsr).isEqualTo("2");
        }
    }

    /** Kills the leader of the run's partition at the start of epoch {@link #KILL_AT_EPOCH}, on the training thread. */
    private static final class Killer implements TrainerCallback {
        private final EmbeddedKafkaCluster cluster;
        private final String topic;
        volatile int killed;
        volatile int epochsAfterKill;

        Killer(EmbeddedKafkaCluster cluster, String topic) {
            this.cluster = cluster;
            this.topic = topic;
        }

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            int epoch = trainer.runHistory().currentEpoch();
            if (epoch == KILL_AT_EPOCH) {
                killed = cluster.leaderOf(topic, ClusterPublishing.partitionOf(trainer.runId()));
                cluster.killNode(killed);
            }
            if (killed > 0) {
                epochsAfterKill++;
            }
        }
    }
}
