package io.trainstream.trainer.kafka;

import io.trainstream.trainer.outbox.FullPolicy;
import io.trainstream.trainer.outbox.OutboxSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a {@link KafkaEventPublisher} writes. Build one with {@link #builder(String)} or
 * {@link #fromEnvironment()}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code "127.0.0.1:9092"}
 * @param eventsTopic the events topic (default {@value #DEFAULT_EVENTS_TOPIC})
 * @param runsTopic the compacted runs index topic (default {@value #DEFAULT_RUNS_TOPIC})
 * @param eventsPartitions partitions of the events topic when {@link TopicSetup} creates it (default 3)
 * @param replicationFactor replication factor of both topics when created; 0 (the default) fits the cluster:
 *     {@code min(3, brokers)}, with {@code min.insync.replicas} 2 from factor 3 up (see {@link TopicReplication})
 * @param producerOverrides Kafka producer (and admin) settings applied last, e.g. SASL or TLS keys
 * @param flushTimeout how long {@code close()} waits for outstanding events (default 30 s)
 * @param queueCapacity events held in memory between the training thread and the sender thread (default
 *     65536); when it is full, {@code publish} waits (it only fills when the outbox is at its bound)
 * @param outbox where undelivered events are kept on disk (default: {@link OutboxSettings#defaults} in
 *     {@link OutboxSettings#defaultDir()}, 256 MiB, fsync every 512 events or 100 ms, block at the bound)
 */
public record KafkaPublisherConfig(String bootstrapServers, String eventsTopic, String runsTopic, int eventsPartitions,
        short replicationFactor, Map<String, String> producerOverrides, Duration flushTimeout, int queueCapacity,
        OutboxSettings outbox) {

    /** Default events topic name. */
    public static final String DEFAULT_EVENTS_TOPIC = "trainstream.events";
    /** Default runs topic name. */
    public static final String DEFAULT_RUNS_TOPIC = "trainstream.runs";
    /** Environment variable read by {@link #fromEnvironment()}: bootstrap servers (required). */
    public static final String BOOTSTRAP_SERVERS_ENV = "TRAINSTREAM_BOOTSTRAP_SERVERS";
    /** Environment variable read by {@link #fromEnvironment()}: events topic. */
    public static final String EVENTS_TOPIC_ENV = "TRAINSTREAM_EVENTS_TOPIC";
    /** Environment variable read by {@link #fromEnvironment()}: runs topic. */
    public static final String RUNS_TOPIC_ENV = "TRAINSTREAM_RUNS_TOPIC";
    /** Environment variable read by {@link #fromEnvironment()}: events topic partitions. */
    public static final String EVENTS_PARTITIONS_ENV = "TRAINSTREAM_EVENTS_PARTITIONS";
    /**
     * Prefix of environment variables that become producer overrides: {@code TRAINSTREAM_KAFKA_SASL_MECHANISM}
     * sets {@code sasl.mechanism} (lower case, {@code _} becomes {@code .}).
     */
    public static final String PRODUCER_ENV_PREFIX = "TRAINSTREAM_KAFKA_";
    /** Environment variable read by {@link #fromEnvironment()}: the outbox directory. */
    public static final String OUTBOX_DIR_ENV = "TRAINSTREAM_OUTBOX_DIR";

    /** Checks every value and copies the overrides. */
    public KafkaPublisherConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given, e.g. 127.0.0.1:9092");
        }
        requireTopic(eventsTopic, "events topic");
        requireTopic(runsTopic, "runs topic");
        if (eventsTopic.equals(runsTopic)) {
            throw new IllegalArgumentException("events and runs topics must differ, both are '" + eventsTopic + "'");
        }
        if (eventsPartitions < 1) {
            throw new IllegalArgumentException("events partitions must be at least 1, was " + eventsPartitions);
        }
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("replication factor must be at least 1 (or 0 to fit the cluster), was "
                    + replicationFactor);
        }
        Objects.requireNonNull(flushTimeout, "flushTimeout");
        if (flushTimeout.isNegative()) {
            throw new IllegalArgumentException("flush timeout must not be negative, was " + flushTimeout);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
        }
        producerOverrides = Map.copyOf(producerOverrides == null ? Map.of() : producerOverrides);
        Objects.requireNonNull(outbox, "outbox");
    }

    /** @return the key naming this config's log: events topic and servers, so outbox slots never mix clusters */
    public String logKey() {
        return eventsTopic + "@" + bootstrapServers;
    }

    /**
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @return a builder with every default
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /**
     * Reads {@value #BOOTSTRAP_SERVERS_ENV} (required), {@value #EVENTS_TOPIC_ENV}, {@value #RUNS_TOPIC_ENV},
     * {@value #EVENTS_PARTITIONS_ENV} and every {@value #PRODUCER_ENV_PREFIX}{@code *} variable.
     *
     * @return the config
     * @throws IllegalArgumentException when the bootstrap servers are not set or a value is invalid
     */
    public static KafkaPublisherConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * As {@link #fromEnvironment()}, from a given map of variables.
     *
     * @param env the variables
     * @return the config
     */
    public static KafkaPublisherConfig fromEnvironment(Map<String, String> env) {
        String servers = env.get(BOOTSTRAP_SERVERS_ENV);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS_ENV + " is not set");
        }
        Builder builder = builder(servers);
        if (env.get(EVENTS_TOPIC_ENV) != null) {
            builder.optEventsTopic(env.get(EVENTS_TOPIC_ENV));
        }
        if (env.get(RUNS_TOPIC_ENV) != null) {
            builder.optRunsTopic(env.get(RUNS_TOPIC_ENV));
        }
        if (env.get(EVENTS_PARTITIONS_ENV) != null) {
            try {
                builder.optEventsPartitions(Integer.parseInt(env.get(EVENTS_PARTITIONS_ENV).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(EVENTS_PARTITIONS_ENV + " must be a number, was '"
                        + env.get(EVENTS_PARTITIONS_ENV) + "'", e);
            }
        }
        if (env.get(OUTBOX_DIR_ENV) != null && !env.get(OUTBOX_DIR_ENV).isBlank()) {
            builder.optOutboxDir(Path.of(env.get(OUTBOX_DIR_ENV)));
        }
        env.forEach((key, value) -> {
            if (key.startsWith(PRODUCER_ENV_PREFIX) && key.length() > PRODUCER_ENV_PREFIX.length()) {
                String setting = key.substring(PRODUCER_ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '.');
                builder.addProducerOverride(setting, value);
            }
        });
        return builder.build();
    }

    private static void requireTopic(String topic, String what) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    /** Builds a {@link KafkaPublisherConfig}; every optional value has the default listed on the record. */
    public static final class Builder {
        private final String bootstrapServers;
        private String eventsTopic = DEFAULT_EVENTS_TOPIC;
        private String runsTopic = DEFAULT_RUNS_TOPIC;
        private int eventsPartitions = 3;
        private short replicationFactor = 0;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Duration flushTimeout = Duration.ofSeconds(30);
        private int queueCapacity = 65_536;
        private OutboxSettings outbox;
        private Path outboxDir;
        private Long outboxMaxBytes;
        private FullPolicy fullPolicy;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /**
         * @param topic the events topic
         * @return this builder
         */
        public Builder optEventsTopic(String topic) {
            this.eventsTopic = topic;
            return this;
        }

        /**
         * @param topic the compacted runs topic
         * @return this builder
         */
        public Builder optRunsTopic(String topic) {
            this.runsTopic = topic;
            return this;
        }

        /**
         * @param partitions events topic partitions when created
         * @return this builder
         */
        public Builder optEventsPartitions(int partitions) {
            this.eventsPartitions = partitions;
            return this;
        }

        /**
         * @param factor replication factor of both topics when created; 0 (the default) fits the cluster
         * @return this builder
         */
        public Builder optReplicationFactor(short factor) {
            this.replicationFactor = factor;
            return this;
        }

        /**
         * @param timeout how long {@code close()} waits for outstanding events
         * @return this builder
         */
        public Builder optFlushTimeout(Duration timeout) {
            this.flushTimeout = timeout;
            return this;
        }

        /**
         * @param capacity events held between the training thread and the producer
         * @return this builder
         */
        public Builder optQueueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param settings the whole outbox configuration (replaces the other outbox options)
         * @return this builder
         */
        public Builder optOutbox(OutboxSettings settings) {
            this.outbox = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param dir the outbox root directory
         * @return this builder
         */
        public Builder optOutboxDir(Path dir) {
            this.outboxDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * @param maxBytes bound on undelivered events kept on disk
         * @return this builder
         */
        public Builder optOutboxMaxBytes(long maxBytes) {
            this.outboxMaxBytes = maxBytes;
            return this;
        }

        /**
         * @param policy what {@code publish} does when the outbox is at its bound
         * @return this builder
         */
        public Builder optOutboxFullPolicy(FullPolicy policy) {
            this.fullPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param key a Kafka client setting, e.g. {@code security.protocol}
         * @param value its value
         * @return this builder
         */
        public Builder addProducerOverride(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param settings Kafka client settings, applied after the publisher's own
         * @return this builder
         */
        public Builder addProducerOverrides(Map<String, String> settings) {
            settings.forEach(this::addProducerOverride);
            return this;
        }

        /** @return the validated config */
        public KafkaPublisherConfig build() {
            OutboxSettings settings = outbox != null ? outbox
                    : OutboxSettings.defaults(outboxDir != null ? outboxDir : OutboxSettings.defaultDir());
            if (outboxMaxBytes != null || fullPolicy != null) {
                settings = new OutboxSettings(settings.dir(), outboxMaxBytes != null ? outboxMaxBytes : settings.maxBytes(),
                        Math.min(settings.segmentBytes(), Math.max(4096, (outboxMaxBytes != null ? outboxMaxBytes
                                : settings.maxBytes()) / 4)), settings.syncEvents(), settings.syncInterval(),
                        fullPolicy != null ? fullPolicy : settings.fullPolicy());
            }
            return new KafkaPublisherConfig(bootstrapServers, eventsTopic, runsTopic, eventsPartitions, replicationFactor,
                    overrides, flushTimeout, queueCapacity, settings);
        }
    }
}
