package io.trainstream.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedKafkaBroker}.
 *
 * <p>Defaults: both ports {@code 0} (a free port is picked at the first start and kept for later
 * restarts), {@code 1} partition per auto-created topic, no extra broker properties, a start timeout
 * of 60 seconds. Build one with {@link #builder(Path)}.
 *
 * @param dataDir          where the broker keeps its logs and metadata; reused across restarts (required)
 * @param brokerPort       the client (PLAINTEXT) port on 127.0.0.1, or 0 to pick a free one
 * @param controllerPort   the KRaft controller port on 127.0.0.1, or 0 to pick a free one
 * @param numPartitions    the {@code num.partitions} of auto-created topics, at least 1
 * @param brokerProperties extra {@code server.properties} entries, applied last (they override the defaults)
 * @param startTimeout     how long {@link EmbeddedKafkaBroker#start()} waits for the broker to accept connections
 */
public record EmbeddedKafkaConfig(Path dataDir, int brokerPort, int controllerPort, int numPartitions,
                                  Map<String, String> brokerProperties, Duration startTimeout) {

    /** The start timeout used unless {@link Builder#optStartTimeout(Duration)} sets another. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Validates the values, makes the data directory absolute and copies the property map.
     *
     * @param dataDir          where the broker keeps its data
     * @param brokerPort       the client port, 0 to pick one
     * @param controllerPort   the controller port, 0 to pick one
     * @param numPartitions    partitions of auto-created topics
     * @param brokerProperties extra broker properties
     * @param startTimeout     how long a start may take
     * @throws NullPointerException     if a reference argument is null
     * @throws IllegalArgumentException if a port is outside 0..65535, {@code numPartitions < 1} or the
     *                                  timeout is not positive
     */
    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        Objects.requireNonNull(startTimeout, "startTimeout");
        checkPort("brokerPort", brokerPort);
        checkPort("controllerPort", controllerPort);
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ: " + brokerPort);
        }
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1: " + numPartitions);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
        dataDir = dataDir.toAbsolutePath();
        brokerProperties = Map.copyOf(brokerProperties);
    }

    /**
     * Starts a builder with every default and the one required value.
     *
     * @param dataDir where the broker keeps its data; created if missing
     * @return a new builder
     */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be in 0..65535: " + port);
        }
    }

    /** Builds an {@link EmbeddedKafkaConfig}; see the record for the defaults. Not thread-safe. */
    public static final class Builder {
        private final Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private int numPartitions = 1;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /**
         * Sets the client port.
         *
         * @param port a port on 127.0.0.1, or 0 (the default) to pick a free one
         * @return this builder
         */
        public Builder optBrokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /**
         * Sets the KRaft controller port.
         *
         * @param port a port on 127.0.0.1, or 0 (the default) to pick a free one
         * @return this builder
         */
        public Builder optControllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /**
         * Sets the number of partitions of auto-created topics.
         *
         * @param partitions at least 1; the default is 1
         * @return this builder
         */
        public Builder optNumPartitions(int partitions) {
            this.numPartitions = partitions;
            return this;
        }

        /**
         * Adds one {@code server.properties} entry, applied after (and over) the built-in ones.
         * Overriding {@code listeners}, {@code log.dirs} or {@code controller.quorum.voters} breaks the
         * broker's port and data-dir handling: don't.
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
         * Sets how long {@link EmbeddedKafkaBroker#start()} waits for the broker to accept connections.
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
        public EmbeddedKafkaConfig build() {
            return new EmbeddedKafkaConfig(dataDir, brokerPort, controllerPort, numPartitions,
                    brokerProperties, startTimeout);
        }
    }
}
