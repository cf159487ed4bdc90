package io.trainstream.consumers.kinds;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a live consumer reads and writes.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param eventsTopic the events topic; undecodable records go to {@code <events topic>.dlq}
 * @param kafkaOverrides Kafka client settings applied last
 * @param groupPrefix consumer group prefix, e.g. {@code trainstream.} (the dashboard uses a group of its own)
 * @param outDir the consumer's output directory (logging, metrics, predictions)
 * @param host the address servers bind (dashboard, Prometheus)
 * @param port the server's port (dashboard, Prometheus), 0 for any free one
 * @param console where the logging consumer prints its lines
 */
public record LiveSetup(String bootstrapServers, String eventsTopic, Map<String, String> kafkaOverrides, String groupPrefix,
        Path outDir, String host, int port, PrintStream console) {

    /** Validates and copies. */
    public LiveSetup {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(eventsTopic, "eventsTopic");
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(console, "console");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    /**
     * @param dir another output directory
     * @param newPort another port
     * @return a copy with that directory and port
     */
    public LiveSetup with(Path dir, int newPort) {
        return new LiveSetup(bootstrapServers, eventsTopic, kafkaOverrides, groupPrefix, dir, host, newPort, console);
    }
}
