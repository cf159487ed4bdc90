package io.trainstream.cli.consume;

import io.trainstream.consumers.runtime.ConsumerStats;

import java.util.List;

/**
 * One running consumer of the events topic with whatever it serves: a runner and its sink, or the
 * dashboard's feed and web server. Closing it stops the reading first (flush, commit), then the
 * servers and files.
 */
public interface LiveConsumer extends AutoCloseable {

    /** @return the consumer type */
    ConsumerKind kind();

    /** @return where its output goes, one line each, e.g. {@code output: /home/me/.trainstream/consumers/logging} */
    List<String> outputs();

    /** @return its counters now (the dashboard reports applied and duplicate events; lag -1 when unknown) */
    ConsumerStats stats();

    /**
     * @param runId a run
     * @return true when the consumer has handled the run's {@code run_end} event
     */
    boolean hasSeenEnd(String runId);

    /** Stops reading (flushing and committing), then releases servers and files. */
    @Override
    void close();
}
