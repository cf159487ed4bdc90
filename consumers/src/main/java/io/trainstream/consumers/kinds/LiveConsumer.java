package io.trainstream.consumers.kinds;

import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running consumer of the events topic, as {@link ConsumerKind#startLive} starts it: its sink on a
 * {@link ConsumerRunner}, and whatever it serves (the dashboard, a Prometheus endpoint). Closing it stops
 * the reading first (flush, commit), then the servers, then the sink's files. Thread-safe.
 */
public final class LiveConsumer implements AutoCloseable {

    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConsumerKind kind;
    private final ConsumerRunner runner;
    private final TrackingSink sink;
    private final List<String> outputs;
    private final List<AutoCloseable> servers;

    LiveConsumer(ConsumerKind kind, ConsumerRunner runner, TrackingSink sink, List<String> outputs, List<AutoCloseable> servers) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.outputs = List.copyOf(outputs);
        this.servers = List.copyOf(servers);
    }

    /** @return the consumer's kind */
    public ConsumerKind kind() {
        return kind;
    }

    /** @return its consumer group, e.g. {@code trainstream.logging} (the dashboard's is its own) */
    public String groupId() {
        return runner.groupId();
    }

    /** @return where its output goes, one line each, e.g. {@code output: /home/me/.trainstream/consumers/logging} */
    public List<String> outputs() {
        return outputs;
    }

    /** @return its runner's counters now (lag -1 while unknown) */
    public ConsumerStats stats() {
        return runner.stats();
    }

    /**
     * @param runId a run
     * @return true when the consumer has handled the run's {@code run_end} event
     */
    public boolean hasSeenEnd(String runId) {
        return sink.hasSeenEnd(runId);
    }

    /** @return true when no assigned partition is still being re-read (see {@link ConsumerRunner#caughtUp()}) */
    public boolean caughtUp() {
        return runner.caughtUp();
    }

    /** Stops reading (flushing and committing), then closes the servers and the sink; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        runner.close();
        for (AutoCloseable server : servers) {
            closeQuietly(server);
        }
        sink.close();
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing at shutdown or after a failed start: nothing left to do with the error
        }
    }
}
