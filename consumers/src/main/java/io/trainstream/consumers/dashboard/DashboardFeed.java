package io.trainstream.consumers.dashboard;

import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.RunnerConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads the events topic from its beginning into a {@link DashboardState}: a {@link DashboardSink} run
 * by the shared consumer runtime ({@link ConsumerRunner}), on the runner's thread.
 *
 * <p>Every dashboard needs every partition, so each feed is its own consumer group
 * ({@code trainstream.dashboard-<random>.dashboard}); the sink rebuilds from the start, so each
 * dashboard rebuilds its state from the whole log. A record that does not decode is logged, counted
 * and skipped: a dashboard writes nothing, not even to the dead-letter topic. A topic that does not
 * exist yet, and partitions added later, are found within {@value #METADATA_REFRESH_MS} ms.
 */
public final class DashboardFeed implements AutoCloseable {

    /** The events topic's default name. */
    public static final String DEFAULT_TOPIC = RunnerConfig.DEFAULT_TOPIC;

    /** How often the topic's partitions are looked up again. */
    static final int METADATA_REFRESH_MS = 2_000;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMIT_INTERVAL = Duration.ofMinutes(1);

    private final ConsumerRunner runner;

    /**
     * @param state where events go
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param topic the events topic (see {@link #DEFAULT_TOPIC})
     * @param overrides consumer settings applied last, e.g. SASL/TLS settings (may be empty)
     */
    public DashboardFeed(DashboardState state, String bootstrapServers, String topic, Map<String, ?> overrides) {
        Objects.requireNonNull(state, "state");
        this.runner = new ConsumerRunner(new DashboardSink(state), runnerConfig(bootstrapServers, topic, overrides).build());
    }

    /**
     * The runner settings of a dashboard: a consumer group of its own, no dead-letter topic, rare
     * commits, and partitions looked up again every {@value #METADATA_REFRESH_MS} ms.
     *
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param topic the events topic (see {@link #DEFAULT_TOPIC})
     * @param overrides consumer settings applied last, e.g. SASL/TLS settings (may be null or empty)
     * @return the settings, to run a {@link DashboardSink} (possibly wrapped) on a {@link ConsumerRunner}
     */
    public static RunnerConfig.Builder runnerConfig(String bootstrapServers, String topic, Map<String, ?> overrides) {
        RunnerConfig.Builder config = RunnerConfig.builder(Objects.requireNonNull(bootstrapServers, "bootstrapServers"))
                .optTopic(Objects.requireNonNull(topic, "topic"))
                .optGroupPrefix("trainstream.dashboard-" + UUID.randomUUID().toString().substring(0, 8) + ".")
                .optDeadLetters(false).optCloseTimeout(CLOSE_TIMEOUT)
                // the group is this feed's alone and rebuilt from the start: its commits matter little, and a
                // synchronous commit every second while events stream in shows in the dashboard's latency
                .optCommitInterval(COMMIT_INTERVAL).optCommitEveryRecords(Integer.MAX_VALUE)
                .addClientOverride(ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(METADATA_REFRESH_MS));
        (overrides == null ? Map.<String, Object>of() : overrides)
                .forEach((key, value) -> config.addClientOverride(key, String.valueOf(value)));
        return config;
    }

    /**
     * Starts reading on the runner's own thread.
     *
     * @return this
     */
    public DashboardFeed start() {
        runner.start();
        return this;
    }

    /**
     * @return records skipped because they did not decode
     */
    public long undecodableRecords() {
        return runner.stats().deadLettered();
    }

    /** @return true when the feed has read the log up to where it was when the feed started reading */
    public boolean caughtUp() {
        return runner.caughtUp();
    }

    /** Stops reading and closes the consumer (waits up to 10 s). */
    @Override
    public void close() {
        runner.close();
    }
}
