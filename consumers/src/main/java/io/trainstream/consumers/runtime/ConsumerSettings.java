package io.trainstream.consumers.runtime;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The Kafka consumer properties of a runner. */
final class ConsumerSettings {

    /** {@code max.partition.fetch.bytes} unless overridden: 4 MiB (Kafka's default is 1 MiB). */
    static final int FETCH_BYTES_PER_PARTITION = 4 << 20;
    /** {@code max.poll.records} unless overridden: 2,000 (Kafka's default is 500); fewer polls, less per-poll work. */
    static final int MAX_POLL_RECORDS = 2000;

    private ConsumerSettings() {
    }

    static Map<String, Object> of(RunnerConfig config, String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + UUID.randomUUID().toString().substring(0, 8));
        // a new group starts at the beginning of the log: every run's events from seq 0
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the publisher may write transactionally one day; never show aborted records
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // catching up: the client fetches a partition again only once its buffered records are drained, so
        // each fetch is a stall; 4 MiB (~55k events) instead of 1 MiB makes a quarter of them. Live reading
        // is unaffected (fetch.min.bytes stays 1: a fetch returns as soon as anything is there)
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FETCH_BYTES_PER_PARTITION));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        props.putAll(config.clientOverrides());
        // correctness depends on these: commits follow sink.flush(), decoding happens in the runner
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return props;
    }
}
