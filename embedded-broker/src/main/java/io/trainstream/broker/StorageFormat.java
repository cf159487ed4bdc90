package io.trainstream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats a KRaft log directory once: a directory formatted before keeps its cluster id, since
 * reformatting it with a new one fails.
 */
final class StorageFormat {

    private StorageFormat() {
    }

    /**
     * Formats {@code logDir} (named in the config file) unless it already is.
     *
     * @return the cluster id, read from {@code meta.properties} or newly generated
     * @throws BrokerStartException if formatting fails
     */
    static String ensureFormatted(Path configFile, Path logDir) {
        String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        ensureFormatted(configFile, logDir, clusterId, List.of());
        return clusterId;
    }

    /**
     * Formats {@code logDir} with a given cluster id unless it already is: every node of a cluster is
     * formatted with the same id.
     *
     * @param extraArguments more arguments for the storage tool, e.g. {@code --add-scram ...}
     * @throws BrokerStartException if formatting fails
     */
    static void ensureFormatted(Path configFile, Path logDir, String clusterId, List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "format", "--cluster-id", clusterId, "--config", configFile.toString(), "--ignore-formatted"));
        arguments.addAll(extraArguments);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(arguments.toArray(String[]::new), out);
        } catch (RuntimeException e) {
            throw new BrokerStartException("formatting the Kafka log directory " + logDir + " failed: "
                    + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new BrokerStartException("formatting the Kafka log directory " + logDir + " failed (exit code "
                    + exitCode + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** The {@code cluster.id} of an already formatted directory, if it is one. */
    static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new BrokerStartException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }
}
