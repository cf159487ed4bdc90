package io.trainstream.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The layout of a broker's data directory: {@code kafka-logs/} holds Kafka's log and metadata
 * directory, {@code server.properties} the configuration of the last start.
 */
final class DataDirectory {

    private final Path root;

    DataDirectory(Path root) {
        this.root = root;
    }

    /** Kafka's {@code log.dirs}: partitions, the metadata log and {@code meta.properties}. */
    Path logDir() {
        return root.resolve("kafka-logs");
    }

    /** The {@code server.properties} written at each start. */
    Path configFile() {
        return root.resolve("server.properties");
    }

    /**
     * Creates the directories if needed and checks they can be written.
     *
     * @throws BrokerStartException naming the data directory if not
     */
    void prepare() {
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw notWritable(e.toString(), e);
        }
        if (!Files.isWritable(root) || !Files.isWritable(logDir())) {
            throw notWritable("permission denied", null);
        }
    }

    /** Writes the broker's configuration to {@link #configFile()}, where the storage tool reads it. */
    void writeConfig(Properties properties) {
        try (OutputStream out = Files.newOutputStream(configFile())) {
            properties.store(out, "written by trainstream EmbeddedKafkaBroker at each start");
        } catch (IOException e) {
            throw notWritable(e.toString(), e);
        }
    }

    private BrokerStartException notWritable(String reason, Throwable cause) {
        return new BrokerStartException("the Kafka data directory " + root + " is not writable: " + reason, cause);
    }
}
