package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a dead publisher got onto the events topic after its last run-file checkpoint: the run's
 * records in its partition from a given offset to the partition's end. A run taken over from a run file
 * is closed from this, so its CRASHED summary (or, when its end did reach Kafka, its final one) states
 * the log's real last seq, epochs and metric, not the checkpoint's.
 */
final class RunTail {

    private RunTail() {
    }

    /**
     * @param config the cluster, topic and client settings
     * @param partition the run's partition
     * @param fromOffset the first offset to read
     * @param since when not null, also read from the first record at or after this time, if that comes
     *     earlier: the start event's time of a run whose first offset is not known
     * @param runId the run (the records' key)
     * @param timeout bound on the whole read
     * @return the run's records from there, in offset order; empty when the cluster does not answer in time
     */
    static List<ConsumerRecord<String, byte[]>> read(KafkaPublisherConfig config, int partition, long fromOffset,
            Instant since, String runId, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        TopicPartition topicPartition = new TopicPartition(config.eventsTopic(), partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            consumer.assign(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition), timeout).get(topicPartition);
            long from = since == null ? fromOffset : Math.min(fromOffset, offsetAt(consumer, topicPartition, since, timeout));
            consumer.seek(topicPartition, Math.max(0, from));
            while (consumer.position(topicPartition, timeout) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key()) && record.offset() < end) {
                        out.add(record);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            return out;
        }
        return out;
    }

    /**
     * Where a run's first record can lie, from its start event's time: a record's timestamp (its send
     * time, or the broker's append time) is never before the event it carries was raised.
     *
     * @return the first offset whose timestamp is at or after {@code time}; {@code Long.MAX_VALUE} when
     *     there is none or the lookup fails (the caller's own start offset then stands)
     */
    private static long offsetAt(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, Instant time,
            Duration timeout) {
        try {
            OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, time.toEpochMilli()), timeout)
                    .get(partition);
            return found == null ? Long.MAX_VALUE : found.offset();
        } catch (org.apache.kafka.common.KafkaException e) {
            return Long.MAX_VALUE;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaPublisherConfig config) {
        Map<String, Object> props = new HashMap<>();
        config.producerOverrides().forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainstream-run-tail");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
