package io.trainstream.consumers.runtime;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.SingleObjectCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Decodes a poll's records on a thread of its own while the runner thread handles the poll before it
 * and polls the next: Avro decoding is about half of a runner's work, Kafka's fetch and record parsing
 * a third, so the two overlap instead of alternating on one core.
 *
 * <p>Only decoding moves: the runner thread still owns the consumer (poll, commits, rebalance
 * callbacks), calls the sink in order, and sends undecodable records to the dead letters when it
 * reaches them. A poll is cut into chunks per partition; the decoder thread decodes them in order,
 * and a chunk the runner thread reaches before the decoder thread started it is decoded by the runner
 * thread itself, so neither thread waits for the other more than one chunk's time, whichever is slower.
 * At most the polls the runner has not handled yet are held (it submits one and then handles the one
 * before), so memory stays bounded by two polls.
 *
 * <p>Runner thread only, except the decoder thread's own work. {@link #close()} stops that thread
 * and waits for it.
 */
final class DecodeAhead implements AutoCloseable {

    /** Records per chunk: two per poll of 2,000; smaller chunks balance finer but cost a thread wake-up each (10-60 µs on a busy VM). */
    static final int CHUNK = 1000;
    /** The prefix of the decoder thread's name. */
    static final String THREAD_PREFIX = "trainstream-decoder-";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The decoder thread, or null when the runner thread decodes everything itself. */
    private final ExecutorService decoderThread;

    /**
     * @param name the consumer's name, for the thread's name
     * @param ahead false to start no thread: each chunk is then decoded by the runner thread when it reaches it
     */
    DecodeAhead(String name, boolean ahead) {
        this.decoderThread = !ahead ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return true when a decoder thread decodes ahead; false when the runner should handle each poll at once */
    boolean ahead() {
        return decoderThread != null;
    }

    /**
     * Queues a poll's records for decoding.
     *
     * @param records a poll's records, not empty
     * @return the poll, to be handled after the next one was submitted
     */
    Poll submit(ConsumerRecords<byte[], byte[]> records) {
        Poll poll = new Poll();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            List<Chunk> chunks = new ArrayList<>((batch.size() + CHUNK - 1) / CHUNK);
            for (int from = 0; from < batch.size(); from += CHUNK) {
                Chunk chunk = new Chunk(batch.subList(from, Math.min(batch.size(), from + CHUNK)));
                chunks.add(chunk);
                if (decoderThread != null) {
                    decoderThread.execute(chunk.task);
                }
            }
            poll.chunks.put(tp, chunks);
        }
        return poll;
    }

    /** Stops the decoder thread (its queued chunks are dropped) and waits for it. */
    @Override
    public void close() {
        if (decoderThread == null) {
            return;
        }
        decoderThread.shutdownNow();
        try {
            decoderThread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One poll's records, per partition in the poll's order, and the partitions no longer to be handled. */
    static final class Poll {
        private final Map<TopicPartition, List<Chunk>> chunks = new LinkedHashMap<>();
        private final Set<TopicPartition> dropped = new HashSet<>();

        /**
         * Forgets the records of partitions this runner gave away or re-seeked in a rebalance: the next
         * owner reads them from the committed offset, which they never reached.
         */
        void drop(Collection<TopicPartition> partitions) {
            dropped.addAll(partitions);
        }

        /** @return the partitions whose records are to be handled, in the poll's order */
        List<TopicPartition> partitions() {
            List<TopicPartition> live = new ArrayList<>(chunks.keySet());
            live.removeAll(dropped);
            return live;
        }

        /** @return the partition's chunks, in offset order */
        List<Chunk> chunks(TopicPartition tp) {
            return chunks.getOrDefault(tp, List.of());
        }

        /** @return the offset of the partition's first record still to be handled, or empty when none is */
        OptionalLong firstOffset(TopicPartition tp) {
            List<Chunk> list = chunks.get(tp);
            if (list == null || dropped.contains(tp)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(list.get(0).records.get(0).offset());
        }
    }

    /** A run of one partition's records and their decoding, done by whichever thread gets to it first. */
    static final class Chunk {
        final List<ConsumerRecord<byte[], byte[]>> records;
        private final FutureTask<RecordDecoder.Outcome[]> task;

        Chunk(List<ConsumerRecord<byte[], byte[]>> records) {
            this.records = records;
            this.task = new FutureTask<>(() -> {
                RecordDecoder.Outcome[] outcomes = new RecordDecoder.Outcome[records.size()];
                SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader(); // whichever thread runs the chunk
                for (int i = 0; i < outcomes.length; i++) {
                    outcomes[i] = RecordDecoder.decode(records.get(i), reader);
                }
                return outcomes;
            });
        }

        /**
         * @return each record's outcome, in order; decodes them here when the decoder thread has not
         *     started (a no-op otherwise), then waits for the decoder thread if it is on them
         */
        RecordDecoder.Outcome[] outcomes() {
            task.run();
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for records to decode", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
