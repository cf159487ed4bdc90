package io.trainstream.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run an {@link EmbeddedKafkaCluster}.
 *
 * <p>Defaults: 3 nodes, 3 partitions per auto-created topic, 256 MiB heap per node process, no extra
 * broker properties, no security (PLAINTEXT), a start timeout of 120 seconds (three JVMs starting at
 * once on a small machine). Build one with {@link #builder(Path)}.
 *
 * @param dataDir          where the nodes keep their data, one sub-directory per node (required)
 * @param nodes            the number of nodes, each a combined broker and KRaft controller, 1..9
 * @param numPartitions    the {@code num.partitions} of auto-created topics
 * @param nodeHeapMb       the {@code -Xmx} of each node's JVM, in MiB, at least 128
 * @param brokerProperties extra {@code server.properties} entries for every node, applied last
 * @param security         SASL/SCRAM listeners and ACL authorisation, or null for PLAINTEXT
 * @param startTimeout     how long a start (of the cluster or of one node) may take
 * @param nodeJvmOptions   extra options of each node's JVM (default none), e.g. {@link #FAST_START_JVM_OPTIONS}
 */
public record KafkaClusterConfig(Path dataDir, int nodes, int numPartitions, int nodeHeapMb,
                                 Map<String, String> brokerProperties, ClusterSecurity security,
                                 Duration startTimeout, List<String> nodeJvmOptions) {

    /**
     * JVM options that make a node start (and restart) with less CPU, at some cost in peak throughput:
     * only the C1 compiler. For tests on small machines; not for measurements.
     */
    public static final List<String> FAST_START_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /** The start timeout used unless {@link Builder#optStartTimeout(Duration)} sets another. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Validates the values, makes the data directory absolute and copies the property map.
     *
     * @param dataDir          where the nodes keep their data
     * @param nodes            how many nodes
     * @param numPartitions    partitions of auto-created topics
     * @param nodeHeapMb       heap per node in MiB
     * @param brokerProperties extra broker properties
     * @param security         security setting or null
     * @param startTimeout     how long a start may take
     * @param nodeJvmOptions   extra JVM options per node
     * @throws IllegalArgumentException if a value is out of range
     */
    public KafkaClusterConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("nodes must be between 1 and 9: " + nodes);
        }
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1: " + numPartitions);
        }
        if (nodeHeapMb < 128) {
            throw new IllegalArgumentException("nodeHeapMb must be at least 128: " + nodeHeapMb);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
        dataDir = dataDir.toAbsolutePath();
        brokerProperties = Map.copyOf(brokerProperties);
        nodeJvmOptions = List.copyOf(nodeJvmOptions);
    }

    /**
     * The security setting, if any.
     *
     * @return SASL/SCRAM and ACLs, or empty for PLAINTEXT
     */
    public Optional<ClusterSecurity> securitySetting() {
        return Optional.ofNullable(security);
    }

    /**
     * The replication factor that fits this cluster: {@code min(3, nodes)}.
     *
     * @return the default replication factor of topics and internal topics
     */
    public int replicationFactor() {
        return Math.min(3, nodes);
    }

    /**
     * The {@code min.insync.replicas} that fits this cluster: 2 with three or more nodes (one node may
     * fail without stopping {@code acks=all} writes), else 1.
     *
     * @return the default min ISR
     */
    public int minInsyncReplicas() {
        return nodes >= 3 ? 2 : 1;
    }

    /**
     * Starts a builder with every default and the one required value.
     *
     * @param dataDir where the nodes keep their data; created if missing
     * @return a new builder
     */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Builds a {@link KafkaClusterConfig}; see the record for the defaults. Not thread-safe. */
    public static final class Builder {
        private final Path dataDir;
        private int nodes = 3;
        private int numPartitions = 3;
        private int nodeHeapMb = 256;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private ClusterSecurity security;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final List<String> nodeJvmOptions = new ArrayList<>();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /**
         * Sets the number of nodes.
         *
         * @param count 1..9; the default is 3
         * @return this builder
         */
        public Builder optNodes(int count) {
            this.nodes = count;
            return this;
        }

        /**
         * Sets the number of partitions of auto-created topics.
         *
         * @param partitions at least 1; the default is 3
         * @return this builder
         */
        public Builder optNumPartitions(int partitions) {
            this.numPartitions = partitions;
            return this;
        }

        /**
         * Sets each node's heap.
         *
         * @param megabytes at least 128; the default is 256
         * @return this builder
         */
        public Builder optNodeHeapMb(int megabytes) {
            this.nodeHeapMb = megabytes;
            return this;
        }

        /**
         * Adds one {@code server.properties} entry for every node, applied after the built-in ones.
         * Listeners, ports, {@code node.id}, {@code log.dirs} and the quorum voters are the cluster's
         * own: don't override them.
         *
         * @param key   a Kafka broker config key
         * @param value its value
         * @return this builder
         */
        public Builder addBrokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Turns on SASL/SCRAM listeners and ACL authorisation.
         *
         * @param setting the users and the admin
         * @return this builder
         */
        public Builder optSecurity(ClusterSecurity setting) {
            this.security = Objects.requireNonNull(setting, "setting");
            return this;
        }

        /**
         * Adds options to each node's JVM command line (after the heap and GC options).
         *
         * @param options e.g. {@link #FAST_START_JVM_OPTIONS}
         * @return this builder
         */
        public Builder addNodeJvmOptions(List<String> options) {
            nodeJvmOptions.addAll(options);
            return this;
        }

        /**
         * Sets how long a start may take.
         *
         * @param timeout positive; the default is {@link #DEFAULT_START_TIMEOUT}
         * @return this builder
         */
        public Builder optStartTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Validates and builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException if a value is out of range
         */
        public KafkaClusterConfig build() {
            return new KafkaClusterConfig(dataDir, nodes, numPartitions, nodeHeapMb, brokerProperties, security,
                    startTimeout, nodeJvmOptions);
        }
    }
}
