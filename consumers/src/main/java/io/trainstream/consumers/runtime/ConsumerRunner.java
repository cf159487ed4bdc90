package io.trainstream.consumers.runtime;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one {@link EventSink} as the Kafka consumer group {@code "trainstream." + sink.name()} over the
 * events topic: poll, decode, dedupe on (run id, seq), handle in partition order, {@code sink.flush()},
 * then commit the offsets explicitly. Records that do not decode go to the dead-letter topic with
 * their provenance and processing continues.
 *
 * <pre>{@code
 * try (LoggingConsumer sink = new LoggingConsumer(dir);
 *      ConsumerRunner runner = new ConsumerRunner(sink, RunnerConfig.builder("127.0.0.1:9092").build()).start()) {
 *     ShutdownHook.install(runner);   // Ctrl-C: flush, commit, stop
 *     runner.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p>Threads: {@link #run()} (or the thread {@link #start()} makes) owns the Kafka consumer, commits,
 * takes the rebalance callbacks and calls the sink, in order; with {@link RunnerConfig#decodeAhead()} a
 * decoder thread decodes one poll ahead and ends with the loop. {@link #stats()}, {@link #close()},
 * {@link #abort()} and {@link #awaitTermination} are thread-safe. The runner never closes the sink:
 * its creator does, after the runner.
 */
public final class ConsumerRunner implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(1);

    private final EventSink sink;
    private final RunnerConfig config;
    private final String groupId;
    private final Counters counters = new Counters();
    private final EventDispatcher dispatcher;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean aborted;
    private volatile ConsumerStats.State state = ConsumerStats.State.CREATED;
    private volatile Throwable failure;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    // touched by the runner thread only
    private final OffsetCommits commits;
    private final ReplayPositions replay = new ReplayPositions();
    private DeadLetterPublisher deadLetters;
    private RecordDecoder decoder;
    private PollHandling handling;
    private DecodeAhead decodeAhead;
    /** The last poll, decoding on the decoder thread; handled after the next poll was submitted. */
    private DecodeAhead.Poll unhandled;

    /**
     * @param sink the consumer type to run
     * @param config the cluster, topics and client settings
     * @throws IllegalArgumentException when the sink rebuilds from the start but does not support replay
     */
    public ConsumerRunner(EventSink sink, RunnerConfig config) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.config = Objects.requireNonNull(config, "config");
        if (sink.rebuildsFromStart() && !sink.supportsReplay()) {
            throw new IllegalArgumentException("consumer " + sink.name() + " rebuilds from the start, so it must support replay");
        }
        this.groupId = config.groupId(sink.name());
        this.dispatcher = new EventDispatcher(sink, config.errorHandler(), counters);
        this.commits = new OffsetCommits(sink, config, counters, groupId);
    }

    /**
     * Runs the poll loop on a new thread named {@code trainstream-consumer-<name>}.
     *
     * @return this runner
     */
    public ConsumerRunner start() {
        claim();
        Thread thread = new Thread(this::loop, "trainstream-consumer-" + sink.name());
        thread.start();
        return this;
    }

    /** @return the consumer group id */
    public String groupId() {
        return groupId;
    }

    /** @return a snapshot of the counters (thread-safe) */
    public ConsumerStats stats() {
        return counters.snapshot(sink.name(), state);
    }

    /**
     * @return true when no assigned partition is still being re-read up to where the group had
     *     committed (see {@link EventSink#onCaughtUp}); thread-safe
     */
    public boolean caughtUp() {
        return replay.caughtUp();
    }

    /** @return what stopped the runner, when it {@linkplain ConsumerStats.State#FAILED failed} */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The poll loop; returns when closed, aborted or failed (see {@link #failure()}). Runs at most once. */
    @Override
    public void run() {
        claim();
        loop();
    }

    private void claim() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("consumer runner " + groupId + " already started");
        }
    }

    private void loop() {
        state = ConsumerStats.State.RUNNING;
        try {
            if (config.deadLetters()) {
                if (config.createDeadLetterTopic()) {
                    DeadLetterPublisher.ensureTopic(config);
                }
                deadLetters = new DeadLetterPublisher(config, groupId);
            }
            decoder = new RecordDecoder(deadLetters, counters);
            handling = new PollHandling(decoder, dispatcher, replay, commits, () -> aborted);
            decodeAhead = new DecodeAhead(sink.name(), config.decodeAhead());
            consumer = new KafkaConsumer<>(ConsumerSettings.of(config, groupId), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            commits.attach(consumer, deadLetters);
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            LOG.info("consumer {} reading {} from {}", groupId, config.topic(), config.bootstrapServers());
            pollLoop();
        } catch (WakeupException e) {
            // close() or abort(): the finally block decides whether to commit
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("consumer {} stopped: {}", groupId, e.toString(), e);
        } finally {
            shutDown();
        }
    }

    /**
     * Polls, hands the poll to the decoder thread, then handles the poll before it: decoding one poll
     * overlaps with handling the previous one and fetching the next.
     */
    private void pollLoop() {
        while (!stopping.get()) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                // while a poll waits to be handled, take only what the client holds: a live event waits no poll timeout
                records = consumer.poll(unhandled == null ? config.pollTimeout() : Duration.ZERO);
            } catch (RecordDeserializationException e) {
                // cannot happen with byte-array deserializers, but never let one record wedge the partition
                deadLetterUnreadable(e);
                continue;
            }
            DecodeAhead.Poll current = unhandled;
            unhandled = records.isEmpty() ? null : decodeAhead.submit(records);
            if (!decodeAhead.ahead()) {
                current = unhandled; // one thread: handle each poll at once
                unhandled = null;
            }
            if (current != null && !handling.handle(current)) {
                return;
            }
            signalCaughtUp();
            commits.afterPoll(records.count());
            updateLag();
        }
    }

    private void signalCaughtUp() {
        for (TopicPartition tp : replay.reached(this::position)) {
            sink.onCaughtUp(tp.partition());
        }
    }

    /** @return where the partition's handling stands: the first record of the unhandled poll, else the consumer's position */
    private OptionalLong position(TopicPartition tp) {
        OptionalLong waiting = unhandled == null ? OptionalLong.empty() : unhandled.firstOffset(tp);
        if (waiting.isPresent()) {
            return waiting;
        }
        try {
            return OptionalLong.of(consumer.position(tp, POSITION_TIMEOUT));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return OptionalLong.empty(); // asked again after the next poll
        }
    }

    private void deadLetterUnreadable(RecordDeserializationException e) {
        decoder.deadLetterUnreadable(e);
        TopicPartition tp = e.topicPartition();
        consumer.seek(tp, e.offset() + 1);
        commits.handled(tp, e.offset() + 1);
    }

    private void updateLag() {
        long total = 0;
        boolean known = false;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
                known = true;
            }
        }
        counters.lag.set(known ? total : -1);
    }

    private void shutDown() {
        if (decodeAhead != null) {
            decodeAhead.close(); // a poll not handled yet is not committed: the group reads it again
        }
        try {
            boolean commitAllowed = failure == null || failure instanceof SinkFailedException;
            if (!aborted && commitAllowed && consumer != null) {
                try {
                    commits.commitSync();
                } catch (WakeupException e) {
                    // close() woke the consumer while the loop was outside poll(): that wake-up is spent now
                    commits.commitSync();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("consumer {}: final commit failed, uncommitted events will be re-read: {}", groupId, e.toString());
        }
        try {
            if (consumer != null) {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
            }
        } catch (RuntimeException e) {
            LOG.warn("consumer {}: close failed: {}", groupId, e.toString());
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        state = failure == null ? ConsumerStats.State.STOPPED : ConsumerStats.State.FAILED;
        LOG.info("consumer {} {}: {}", groupId, aborted ? "aborted" : "stopped", stats());
        finished.countDown();
    }

    /**
     * Stops cleanly: wakes the poll loop, which flushes the sink, commits and leaves the group. Waits up
     * to the configured close timeout.
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * Stops as a crash would: no flush, no commit (for fault tests, or when the sink is known broken).
     * Events handled since the last commit are re-delivered to the next runner of the group.
     */
    public void abort() {
        aborted = true;
        stop();
    }

    private void stop() {
        stopping.set(true);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (!started.get()) {
            state = ConsumerStats.State.STOPPED;
            return;
        }
        if (!awaitTermination(config.closeTimeout())) {
            LOG.warn("consumer {} did not stop within {}", groupId, config.closeTimeout());
        }
    }

    /**
     * @param timeout the longest wait
     * @return true when the loop has ended (or never started)
     */
    public boolean awaitTermination(Duration timeout) {
        if (!started.get()) {
            return true;
        }
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Commits before giving partitions away and resets the sink's state of them; re-reads from the
     * start, after a reset, for sinks that rebuild their state.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!aborted && failure == null) {
                try {
                    commits.commitSync();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("consumer {}: commit on revocation failed: {}", groupId, e.toString());
                }
            }
            forget(partitions);
            reset(partitions, ResetReason.REVOKED);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            reset(partitions, ResetReason.LOST);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            forget(partitions);
            if (partitions.isEmpty()) {
                return;
            }
            boolean rebuild = sink.rebuildsFromStart();
            if (rebuild) {
                reset(partitions, ResetReason.REASSIGNED);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = rebuild ? consumer.committed(new HashSet<>(partitions)) : Map.of();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                replay.assigned(tp, at == null ? 0L : at.offset(), rebuild);
            }
            if (rebuild) {
                consumer.seekToBeginning(partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            if (unhandled != null) {
                unhandled.drop(partitions); // decoded but not handled: the next owner reads them again
            }
            for (TopicPartition tp : partitions) {
                dispatcher.forgetPartition(tp.partition());
                replay.forget(tp);
                commits.forget(tp);
            }
        }

        private void reset(Collection<TopicPartition> partitions, ResetReason reason) {
            if (!partitions.isEmpty()) {
                Set<Integer> numbers = new HashSet<>();
                partitions.forEach(tp -> numbers.add(tp.partition()));
                sink.onReset(Set.copyOf(numbers), reason);
            }
        }
    }
}
