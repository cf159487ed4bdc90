package io.trainstream.cli.consume;

import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.util.List;

/** A consumer on the shared runtime: its runner, its (tracked) sink, and servers to close after them. */
final class RunnerConsumer implements LiveConsumer {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final ConsumerKind kind;
    private final ConsumerRunner runner;
    private final TrackingSink sink;
    private final List<String> outputs;
    private final List<AutoCloseable> servers;

    RunnerConsumer(ConsumerKind kind, ConsumerRunner runner, TrackingSink sink, List<String> outputs, List<AutoCloseable> servers) {
        this.kind = kind;
        this.runner = runner;
        this.sink = sink;
        this.outputs = List.copyOf(outputs);
        this.servers = List.copyOf(servers);
    }

    @Override
    public ConsumerKind kind() {
        return kind;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public ConsumerStats stats() {
        return runner.stats();
    }

    @Override
    public boolean hasSeenEnd(String runId) {
        return sink.hasSeenEnd(runId);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        runner.close();
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do with the error
            }
        }
        sink.close();
    }
}
