package io.trainstream.cluster.support;

import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Publisher settings for the cluster tests: a scenario's own topics, 6 partitions, replication left to fit. */
public final class ClusterPublishing {

    /** Partitions of every scenario's events topic. */
    public static final int PARTITIONS = 6;

    private ClusterPublishing() {}

    /**
     * @param bootstrapServers the cluster
     * @param scenario names the topics: {@code <scenario>.events} and {@code <scenario>.runs}
     * @param outboxDir the publisher's outbox
     * @param clientSettings extra client settings (SASL), may be empty
     * @return the config
     */
    public static KafkaPublisherConfig config(String bootstrapServers, String scenario, Path outboxDir,
            Map<String, String> clientSettings) {
        return KafkaPublisherConfig.builder(bootstrapServers).optEventsTopic(scenario + ".events")
                .optRunsTopic(scenario + ".runs").optEventsPartitions(PARTITIONS).optOutboxDir(outboxDir)
                .optFlushTimeout(Duration.ofSeconds(60)).addProducerOverrides(clientSettings).build();
    }

    /**
     * @param runId a run id (the record key)
     * @return the partition the producer's default partitioner puts its events in
     */
    public static int partitionOf(String runId) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
