package io.trainstream.consumers.runlog;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how long to read: the bootstrap servers, the longest a read may wait on the broker, and
 * consumer settings that override the defaults (group-less, no auto commit, {@code fetch.max.wait.ms=50},
 * {@code max.partition.fetch.bytes} 8 MiB, {@code max.poll.records=2000}).
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}
 * @param timeout the longest one read (metadata, offsets, records) may take; also bounds how long an
 *     unreachable broker takes to be reported
 * @param consumerOverrides consumer settings applied last (may be empty)
 * @param readAhead whether a run's records are fetched on a thread of their own, a few polls ahead of the
 *     thread that decodes and hands them over (default true; see {@link RunLogReader}). On the quiet 2-core
 *     machine it read a 1M-event run 13% faster (replay ÷ ConsumerPerformance 0.60 vs 0.53) for 12% more CPU
 *     per event (1.21 vs 1.08 µs), which a command that reads a run and exits should spend; on a machine
 *     busy with other work it was no faster (bench/results/issue11/reading-pipeline)
 */
public record KafkaReadSettings(String bootstrapServers, Duration timeout, Map<String, String> consumerOverrides,
        boolean readAhead) {

    /** Default read timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Validates and copies. */
    public KafkaReadSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        consumerOverrides = consumerOverrides == null ? Map.of() : Map.copyOf(consumerOverrides);
    }

    /**
     * Settings that read ahead on a thread of their own (the default).
     *
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param timeout the longest one read may take
     * @param consumerOverrides consumer settings applied last (may be empty)
     */
    public KafkaReadSettings(String bootstrapServers, Duration timeout, Map<String, String> consumerOverrides) {
        this(bootstrapServers, timeout, consumerOverrides, true);
    }

    /**
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @return settings with the default timeout and no overrides
     */
    public static KafkaReadSettings of(String bootstrapServers) {
        return new KafkaReadSettings(bootstrapServers, DEFAULT_TIMEOUT, Map.of());
    }

    /**
     * @param newTimeout the read timeout
     * @return a copy with that timeout
     */
    public KafkaReadSettings withTimeout(Duration newTimeout) {
        return new KafkaReadSettings(bootstrapServers, newTimeout, consumerOverrides, readAhead);
    }

    /**
     * @param value whether to fetch on a thread of its own, ahead of the decoding thread
     * @return a copy with that choice
     */
    public KafkaReadSettings withReadAhead(boolean value) {
        return new KafkaReadSettings(bootstrapServers, timeout, consumerOverrides, value);
    }

    /**
     * Consumer properties for a group-less reader: string keys, raw byte values (decoded by the
     * caller so one bad record can be reported on its own), no auto commit, no topic auto-creation.
     *
     * @return fresh properties
     */
    Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainstream-runlog-reader");
        // the reader stops at offsets it already knows exist: waiting for more data only adds latency
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        // a replay reads one partition start to end, and the client fetches it again only once the records
        // it holds are drained: each fetch is a stall, so fewer and larger (8 MiB, ~110k events; bounded,
        // whatever the run's length)
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        props.putAll(consumerOverrides);
        return props;
    }
}
