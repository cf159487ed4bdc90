package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The producer settings of the publisher: idempotent, {@code acks=all}, batched, never blocking the
 * caller for long. The config's overrides are applied last, so any client setting can be changed.
 */
final class ProducerSettings {

    /**
     * A 2 ms linger, on top of the sender's 15 ms gathering ({@code EventIntake}), so that one gathered hand-over
     * goes out as one produce request. With no linger the I/O thread, woken by the hand-over's first record,
     * sent that record alone and the rest in a second request: ~1.5 requests per hand-over (bench
     * costperevent, quick, same machine: 96-101 produce requests/s at 15 ms gathering; ~1 per hand-over with
     * 2 ms). Every request costs ~10 thread wake-ups across both JVMs, so fewer of them is the lever on the
     * broker's and the I/O thread's CPU per event; the price is at most 2 ms more latency.
     */
    static final int LINGER_MS = 2;
    /** Bytes per partition batch. */
    static final int BATCH_SIZE = 131_072;
    /** Longest a send may block the sender thread waiting for metadata or buffer space. */
    static final int MAX_BLOCK_MS = 1_000;

    /** Kafka's default {@code delivery.timeout.ms}. */
    static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    private ProducerSettings() {}

    /** @return the effective {@code delivery.timeout.ms}: the override, else Kafka's default */
    static long deliveryTimeoutMillis(KafkaPublisherConfig config) {
        String value = config.producerOverrides().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        try {
            return value == null ? DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_DELIVERY_TIMEOUT_MS;
        }
    }

    /** @return the effective {@code max.request.size}: the override, else Kafka's default of 1 MiB */
    static long maxRequestSize(KafkaPublisherConfig config) {
        String value = config.producerOverrides().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        try {
            return value == null ? 1_048_576L : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 1_048_576L;
        }
    }

    static Map<String, Object> of(KafkaPublisherConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_SIZE));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(MAX_BLOCK_MS));
        // one request in flight: a retried batch then always precedes the next one, so the broker can
        // recognise it as a duplicate (with 5 in flight a batch retried after NOT_LEADER_OR_FOLLOWER on a new
        // partition met OUT_OF_ORDER_SEQUENCE_NUMBER forever); 128 KiB batches filling while a request is in flight keep throughput
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.putAll(config.producerOverrides());
        return props;
    }
}
