package io.trainstream.cluster.support;

import io.trainstream.consumers.logging.LoggingConsumer;
import io.trainstream.consumers.metrics.MetricsConsumer;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.RunnerConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One consumer instance as a deployment runs it: a logging and a metrics consumer, each in its group
 * ({@code <prefix>logging}, {@code <prefix>metrics}), writing under a directory of its own.
 */
public final class ConsumerInstance implements AutoCloseable {

    private final Path dir;
    private final LoggingConsumer logging;
    private final MetricsConsumer metrics;
    private final ConsumerRunner loggingRunner;
    private final ConsumerRunner metricsRunner;

    /**
     * Starts both runners.
     *
     * @param bootstrapServers the cluster
     * @param topic the events topic
     * @param groupPrefix the groups' prefix: instances with the same prefix share the partitions
     * @param dir where this instance writes
     */
    public ConsumerInstance(String bootstrapServers, String topic, String groupPrefix, Path dir) {
        this.dir = dir;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        this.logging = new LoggingConsumer(dir.resolve("logging"), "logging", quiet);
        this.metrics = new MetricsConsumer(dir.resolve("metrics"), "metrics");
        RunnerConfig config = RunnerConfig.builder(bootstrapServers).optTopic(topic).optDeadLetterTopic(topic + ".dlq")
                .optGroupPrefix(groupPrefix).addClientOverride("max.poll.records", "50").build();
        this.loggingRunner = new ConsumerRunner(logging, config).start();
        this.metricsRunner = new ConsumerRunner(metrics, config).start();
    }

    /** @return events both runners have processed (logging's count) */
    public long processed() {
        return loggingRunner.stats().processed();
    }

    /** @return events the metrics runner has processed (replays after a reassignment included) */
    public long metricsProcessed() {
        return metricsRunner.stats().processed();
    }

    /** @return whether both runners have no lag left */
    public boolean caughtUp() {
        return loggingRunner.stats().lag() == 0 && metricsRunner.stats().lag() == 0;
    }

    /** @return a runner failure, if any */
    public String failures() {
        return loggingRunner.failure().map(Throwable::toString).orElse("") + metricsRunner.failure().map(Throwable::toString)
                .orElse("");
    }

    /** Crashes the instance: both runners stop without a final flush or commit, as a killed process would. */
    public void kill() {
        loggingRunner.abort();
        metricsRunner.abort();
        loggingRunner.awaitTermination(Duration.ofSeconds(30));
        metricsRunner.awaitTermination(Duration.ofSeconds(30));
        logging.close();
        metrics.close();
    }

    /** Stops both runners cleanly (flush, commit, leave the groups). */
    @Override
    public void close() {
        loggingRunner.close();
        metricsRunner.close();
        logging.close();
        metrics.close();
    }

    /**
     * The logging lines a restart of this instance would keep: the file cut back to its last checkpoint
     * (what a killed instance leaves durable). Call after {@link #close()} or {@link #kill()}.
     *
     * @return the lines
     */
    public List<String> durableLoggingLines() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LoggingConsumer reopened = new LoggingConsumer(dir.resolve("logging"), "logging", quiet)) {
            return Files.exists(reopened.outputFile()) ? Files.readAllLines(reopened.outputFile()) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The per-run metric CSVs the metrics consumer exported at each run's end.
     *
     * @return run id to file content
     */
    public Map<String, String> metricCsvs() {
        Map<String, String> out = new TreeMap<>();
        Path csvDir = dir.resolve("metrics");
        if (!Files.isDirectory(csvDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(csvDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
                String name = file.getFileName().toString();
                out.put(name.substring(0, name.length() - 4), Files.readString(file));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
