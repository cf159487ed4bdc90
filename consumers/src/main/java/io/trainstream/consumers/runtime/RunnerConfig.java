package io.trainstream.consumers.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ConsumerRunner} reaches Kafka. Build with {@link #builder(String)}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers} (required)
 * @param topic the events topic (default {@value #DEFAULT_TOPIC})
 * @param deadLetterTopic where undecodable records go (default {@value #DEFAULT_DEAD_LETTER_TOPIC})
 * @param groupPrefix prepended to the sink's name to form the group id (default {@value #DEFAULT_GROUP_PREFIX})
 * @param clientOverrides Kafka client settings applied to the consumer, the dead-letter producer and the
 *     admin client after the runner's own (e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*});
 *     the deserializers and {@code enable.auto.commit} cannot be overridden (default none)
 * @param pollTimeout longest wait of one poll (default 200 ms)
 * @param closeTimeout how long {@code close()} waits for the loop to flush, commit and stop (default 15 s)
 * @param errorHandler what happens when the sink throws (default {@link ErrorHandler#PROPAGATE})
 * @param createDeadLetterTopic create the dead-letter topic at start when missing (default true)
 * @param commitEveryRecords while catching up, flush the sink and commit after this many records (default 10,000)
 * @param commitInterval while catching up, flush the sink and commit at least this often (default 1 s); when
 *     caught up (an empty poll) the runner always flushes and commits what it has
 * @param deadLetters whether undecodable records are copied to the dead-letter topic (default true); when
 *     false they are only logged, counted and skipped: for readers that must not write, such as a
 *     dashboard, of which every process reads the whole log
 * @param decodeAhead whether records are decoded on a thread of their own while the runner thread handles
 *     the poll before and fetches the next (default false; see {@code DecodeAhead}): it shortens the runner
 *     thread's work per event by about 40%, so it can pay where a core is free; on a busy 2-core machine it
 *     was 10-30% slower and cost more CPU per event than one thread (bench/results/issue11/reading-pipeline)
 */
public record RunnerConfig(String bootstrapServers, String topic, String deadLetterTopic, String groupPrefix,
        Map<String, String> clientOverrides, Duration pollTimeout, Duration closeTimeout, ErrorHandler errorHandler,
        boolean createDeadLetterTopic, int commitEveryRecords, Duration commitInterval, boolean deadLetters,
        boolean decodeAhead) {

    /** Default events topic. */
    public static final String DEFAULT_TOPIC = "trainstream.events";
    /** Default dead-letter topic. */
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "trainstream.events.dlq";
    /** Default consumer group prefix. */
    public static final String DEFAULT_GROUP_PREFIX = "trainstream.";

    /** Validates and copies. */
    public RunnerConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given, e.g. 127.0.0.1:9092");
        }
        requireText(topic, "topic");
        requireText(deadLetterTopic, "dead-letter topic");
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("the dead-letter topic must differ from the events topic '" + topic + "'");
        }
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        requirePositive(pollTimeout, "poll timeout");
        requirePositive(closeTimeout, "close timeout");
        requirePositive(commitInterval, "commit interval");
        if (commitEveryRecords <= 0) {
            throw new IllegalArgumentException("commitEveryRecords must be > 0, was " + commitEveryRecords);
        }
        Objects.requireNonNull(errorHandler, "errorHandler");
        clientOverrides = Map.copyOf(clientOverrides == null ? Map.of() : clientOverrides);
    }

    /**
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @return a builder with every default
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /**
     * @param sinkName a sink's name
     * @return its consumer group id
     */
    public String groupId(String sinkName) {
        return groupPrefix + sinkName;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /** Builds a {@link RunnerConfig}; the defaults are listed on the record. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
        private String groupPrefix = DEFAULT_GROUP_PREFIX;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Duration pollTimeout = Duration.ofMillis(200);
        private Duration closeTimeout = Duration.ofSeconds(15);
        private int commitEveryRecords = 10_000;
        private Duration commitInterval = Duration.ofSeconds(1);
        private ErrorHandler errorHandler = ErrorHandler.PROPAGATE;
        private boolean createDeadLetterTopic = true;
        private boolean deadLetters = true;
        private boolean decodeAhead;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** @param value the events topic @return this builder */
        public Builder optTopic(String value) {
            topic = value;
            return this;
        }

        /** @param value the dead-letter topic @return this builder */
        public Builder optDeadLetterTopic(String value) {
            deadLetterTopic = value;
            return this;
        }

        /** @param value the group id prefix @return this builder */
        public Builder optGroupPrefix(String value) {
            groupPrefix = value;
            return this;
        }

        /** @param value longest wait of one poll @return this builder */
        public Builder optPollTimeout(Duration value) {
            pollTimeout = value;
            return this;
        }

        /** @param value how long close() waits @return this builder */
        public Builder optCloseTimeout(Duration value) {
            closeTimeout = value;
            return this;
        }

        /** @param value what happens when the sink throws @return this builder */
        public Builder optErrorHandler(ErrorHandler value) {
            errorHandler = value;
            return this;
        }

        /** @param value whether to create the dead-letter topic when missing @return this builder */
        public Builder optCreateDeadLetterTopic(boolean value) {
            createDeadLetterTopic = value;
            return this;
        }

        /** @param value whether to copy undecodable records to the dead-letter topic @return this builder */
        public Builder optDeadLetters(boolean value) {
            deadLetters = value;
            return this;
        }

        /** @param value whether to decode on a thread of its own, ahead of the runner thread @return this builder */
        public Builder optDecodeAhead(boolean value) {
            decodeAhead = value;
            return this;
        }

        /**
         * @param key a Kafka client setting
         * @param value its value
         * @return this builder
         */
        public Builder addClientOverride(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @param settings Kafka client settings @return this builder */
        public Builder addClientOverrides(Map<String, String> settings) {
            settings.forEach(this::addClientOverride);
            return this;
        }

        /** @param value records after which a catching-up runner flushes and commits @return this builder */
        public Builder optCommitEveryRecords(int value) {
            commitEveryRecords = value;
            return this;
        }

        /** @param value longest time a catching-up runner goes without flushing and committing @return this builder */
        public Builder optCommitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        /** @return the validated config */
        public RunnerConfig build() {
            return new RunnerConfig(bootstrapServers, topic, deadLetterTopic, groupPrefix, overrides, pollTimeout,
                    closeTimeout, errorHandler, createDeadLetterTopic, commitEveryRecords, commitInterval, deadLetters,
                    decodeAhead);
        }
    }
}
