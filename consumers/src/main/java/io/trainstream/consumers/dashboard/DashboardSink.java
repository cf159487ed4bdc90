package io.trainstream.consumers.dashboard;

import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.EventSink;

import java.util.Objects;

/**
 * Runs a {@link DashboardState} on the shared consumer runtime ({@code ConsumerRunner}): every
 * event, live or replayed, is applied; the state lives in memory only, so the runner re-reads each
 * assigned partition from its beginning.
 *
 * <p>A consumer group splits partitions between its members, but every dashboard needs every
 * partition: give each dashboard process its own group (e.g. a per-process
 * {@code RunnerConfig.Builder.optGroupPrefix}), as {@link DashboardFeed} does.
 *
 * <p>No {@linkplain EventSink#onReset reset hook}: in a group of its own the dashboard gets every
 * partition back after any rebalance, so dropping runs would only blank the page until the re-read;
 * the state ignores events at or below a run's last applied seq, so the re-read applies nothing twice.
 */
public final class DashboardSink implements EventSink {

    private final DashboardState state;

    /**
     * @param state where events go
     */
    public DashboardSink(DashboardState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "dashboard";
    }

    /** {@inheritDoc} */
    @Override
    public boolean supportsReplay() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public boolean rebuildsFromStart() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public void handle(ConsumedEvent event) {
        state.accept(event.event());
    }

    /** Nothing to make durable: the state is rebuilt from the log. */
    @Override
    public void flush() {
        // in memory only
    }
}
