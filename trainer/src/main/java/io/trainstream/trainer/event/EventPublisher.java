package io.trainstream.trainer.event;

import io.trainstream.events.RunEvent;

import java.time.Duration;

/**
 * Appends a run's events to a log. The trainer calls {@link #publish} on the training thread for every
 * event, before any in-process callback sees it, so implementations must not block on network I/O.
 */
public interface EventPublisher extends AutoCloseable {

    /** A publisher that drops everything: the default when nothing is attached. */
    EventPublisher NONE = event -> { };

    /**
     * Appends one event. Must return quickly; delivery may complete later.
     *
     * @param event the event, with its sequence number already assigned
     */
    void publish(RunEvent event);

    /**
     * Waits until every event published so far is delivered, or the timeout passes.
     *
     * @param timeout the longest to wait
     * @return true when everything was delivered in time
     */
    default boolean flush(Duration timeout) {
        return true;
    }

    /** Flushes with a bounded timeout and releases resources. */
    @Override
    default void close() {
    }
}
