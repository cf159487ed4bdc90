package io.trainstream.consumers.runtime;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The offsets a runner has handled but not committed, and when to commit them. Every commit flushes
 * the sink first and the dead letters second: a commit never runs ahead of durable output. Runner
 * thread only.
 */
final class OffsetCommits {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);

    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private final EventSink sink;
    private final RunnerConfig config;
    private final Counters counters;
    private final String groupId;
    private DeadLetterPublisher deadLetters;
    private KafkaConsumer<byte[], byte[]> consumer;
    private long uncommittedRecords;
    private long lastCommitNanos = System.nanoTime();

    OffsetCommits(EventSink sink, RunnerConfig config, Counters counters, String groupId) {
        this.sink = sink;
        this.config = config;
        this.counters = counters;
        this.groupId = groupId;
    }

    /** Sets the clients once the runner made them (the dead-letter publisher may be null). */
    void attach(KafkaConsumer<byte[], byte[]> kafkaConsumer, DeadLetterPublisher deadLetterPublisher) {
        this.consumer = kafkaConsumer;
        this.deadLetters = deadLetterPublisher;
    }

    /** @param next the offset after the partition's last handled record */
    void handled(TopicPartition tp, long next) {
        pending.put(tp, new OffsetAndMetadata(next));
    }

    /** Drops a partition that moved to another consumer: committing it would fail. */
    void forget(TopicPartition tp) {
        pending.remove(tp);
    }

    /**
     * After each poll. A flush (fsync) and a synchronous commit per poll would cost a broker round trip
     * every few hundred records: when caught up (an empty poll) commit synchronously, while catching
     * up every interval or N records, asynchronously.
     *
     * @param records how many records the poll returned
     */
    void afterPoll(int records) {
        uncommittedRecords += records;
        if (pending.isEmpty()) {
            return;
        }
        if (records == 0) {
            commitSync();
        } else if (uncommittedRecords >= config.commitEveryRecords()
                || System.nanoTime() - lastCommitNanos >= config.commitInterval().toNanos()) {
            commitAsync();
        }
    }

    /**
     * A commit while catching up: flushed first as always, but the offsets go asynchronously, so reading
     * does not stall for a broker round trip (with a counting sink these stalls were a tenth of the
     * loop's wall time). A failed commit is retried with the next one for the partitions still held;
     * at worst events are re-read after a crash and dropped as duplicates.
     */
    private void commitAsync() {
        flushOutputs();
        // the callback runs on the runner thread, inside a later poll or commit
        consumer.commitAsync(new HashMap<>(pending), (offsets, e) -> {
            if (e != null) {
                LOG.debug("consumer {}: asynchronous commit failed, retried with the next: {}", groupId, e.toString());
                offsets.forEach((tp, at) -> {
                    if (consumer.assignment().contains(tp)) {
                        pending.putIfAbsent(tp, at);
                    }
                });
            }
        });
        committed();
    }

    /** Flushes the sink and the dead letters, then commits synchronously. */
    void commitSync() {
        flushOutputs();
        if (!pending.isEmpty()) {
            consumer.commitSync(new HashMap<>(pending));
            committed();
        }
        uncommittedRecords = 0;
        lastCommitNanos = System.nanoTime();
    }

    private void flushOutputs() {
        sink.flush();
        if (deadLetters != null) {
            deadLetters.flush();
        }
    }

    private void committed() {
        pending.clear();
        counters.commits.incrementAndGet();
        uncommittedRecords = 0;
        lastCommitNanos = System.nanoTime();
    }
}
