package io.trainstream.consumers.runlog;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A group-less {@link KafkaConsumer} that reads offset ranges of assigned partitions, turning the
 * client's timeouts into {@link RunLogUnavailableException}s that name the broker. Not thread-safe.
 */
final class LogConsumer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaReadSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;

    LogConsumer(KafkaReadSettings settings) {
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(settings.consumerProperties());
    }

    /**
     * @param topic a topic
     * @return its partitions, sorted by number; empty when the topic does not exist
     */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = call("list the partitions of " + topic, () -> consumer.partitionsFor(topic, settings.timeout()));
        List<TopicPartition> result = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> result.add(new TopicPartition(info.topic(), info.partition())));
        }
        result.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return result;
    }

    /**
     * @param partitions partitions of one or more topics
     * @return the offset after each partition's last record, as of now
     */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return call("read end offsets", () -> consumer.endOffsets(partitions, settings.timeout()));
    }

    /**
     * @param partitions partitions of one or more topics
     * @return each partition's first available offset
     */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return call("read beginning offsets", () -> consumer.beginningOffsets(partitions, settings.timeout()));
    }

    /**
     * Reads {@code [from, until)} of each given partition and hands every record to {@code sink} in
     * offset order per partition. Fails when no progress is made for the read timeout.
     *
     * @param from the first offset to read, per partition
     * @param until the offset to stop before, per partition (same keys as {@code from})
     * @param sink receives the records
     */
    void read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until, Consumer<ConsumerRecord<String, byte[]>> sink) {
        readBatches(from, until, batch -> batch.forEach(sink));
    }

    /**
     * As {@link #read}, handing over one partition's records of a poll at a time (a list the caller
     * may keep: the consumer does not reuse it).
     *
     * @param from the first offset to read, per partition
     * @param until the offset to stop before, per partition (same keys as {@code from})
     * @param sink receives each non-empty batch, in offset order per partition
     */
    void readBatches(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
            Consumer<List<ConsumerRecord<String, byte[]>>> sink) {
        List<TopicPartition> pending = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : from.entrySet()) {
            if (e.getValue() < until.get(e.getKey())) {
                pending.add(e.getKey());
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        call("read records", () -> {
            consumer.assign(pending);
            consumer.resume(pending);
            pending.forEach(tp -> consumer.seek(tp, from.get(tp)));
            long lastProgress = System.nanoTime();
            while (!pending.isEmpty()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                // per partition batch: the stop offset is looked up once per poll, not per record
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> batch = below(records.records(tp), until.getOrDefault(tp, Long.MIN_VALUE));
                    if (!batch.isEmpty()) {
                        sink.accept(batch);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                pending.removeIf(tp -> consumer.position(tp, settings.timeout()) >= until.get(tp));
                consumer.pause(assignedDone(pending));
                if (System.nanoTime() - lastProgress > settings.timeout().toNanos()) {
                    throw new org.apache.kafka.common.errors.TimeoutException("no records for " + settings.timeout());
                }
            }
            return null;
        });
    }

    /** @return the records of an offset-ordered batch that lie below {@code stop} (the batch itself when all do) */
    private static List<ConsumerRecord<String, byte[]>> below(List<ConsumerRecord<String, byte[]>> batch, long stop) {
        if (batch.isEmpty() || batch.get(batch.size() - 1).offset() < stop) {
            return batch;
        }
        int end = 0;
        while (end < batch.size() && batch.get(end).offset() < stop) {
            end++;
        }
        return batch.subList(0, end);
    }

    private List<TopicPartition> assignedDone(List<TopicPartition> pending) {
        List<TopicPartition> done = new ArrayList<>(consumer.assignment());
        done.removeAll(pending);
        return done;
    }

    private <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new RunLogUnavailableException("Kafka at " + settings.bootstrapServers() + " did not answer within "
                    + settings.timeout().toSeconds() + " s (" + what + ")", e);
        } catch (KafkaException e) {
            throw new RunLogUnavailableException("cannot " + what + " from Kafka at " + settings.bootstrapServers()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
