package io.trainstream.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The resolved settings of one command.
 *
 * @param bootstrapServers the Kafka to use, or null for the embedded broker
 * @param eventsTopic the events topic
 * @param runsTopic the compacted runs index topic
 * @param eventsPartitions partitions of the events topic when it is created
 * @param connectTimeout how long to wait for Kafka
 * @param kafkaOverrides Kafka client settings applied last (producer, admin and consumer)
 * @param home where trainstream keeps its state; the embedded broker's data is in {@code home/kafka}
 * @param verbose whether to print stack traces
 * @param brokerIdle how long the local (embedded) broker stays up with no command attached; zero: until stopped
 */
public record CliSettings(String bootstrapServers, String eventsTopic, String runsTopic, int eventsPartitions,
        Duration connectTimeout, Map<String, String> kafkaOverrides, Path home, boolean verbose,
        Duration brokerIdle) {

    /** Default events topic. */
    public static final String DEFAULT_EVENTS_TOPIC = "trainstream.events";
    /** Default runs topic. */
    public static final String DEFAULT_RUNS_TOPIC = "trainstream.runs";
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Default idle timeout of the local broker. */
    public static final Duration DEFAULT_BROKER_IDLE = Duration.ofMinutes(10);
    /** Default partitions of a created events topic. */
    public static final int DEFAULT_EVENTS_PARTITIONS = 3;

    /** Validates and copies. */
    public CliSettings {
        Objects.requireNonNull(eventsTopic, "eventsTopic");
        Objects.requireNonNull(runsTopic, "runsTopic");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(brokerIdle, "brokerIdle");
        kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    /** @return true when no bootstrap servers were given, so the embedded broker is used */
    public boolean embedded() {
        return bootstrapServers == null;
    }

    /** @return the embedded broker's data directory, {@code home/kafka} */
    public Path embeddedDataDir() {
        return home.resolve("kafka");
    }
}
