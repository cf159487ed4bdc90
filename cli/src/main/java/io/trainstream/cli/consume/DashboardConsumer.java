package io.trainstream.cli.consume;

import io.trainstream.consumers.dashboard.DashboardFeed;
import io.trainstream.consumers.dashboard.DashboardServer;
import io.trainstream.consumers.dashboard.DashboardState;
import io.trainstream.consumers.dashboard.RunState;
import io.trainstream.consumers.runtime.ConsumerStats;

import java.util.List;

/** The dashboard: a group-less feed reading the whole topic into its state, and the web server over it. */
final class DashboardConsumer implements LiveConsumer {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final DashboardState state;
    private final DashboardFeed feed;
    private final DashboardServer server;

    DashboardConsumer(DashboardState state, DashboardFeed feed, DashboardServer server) {
        this.state = state;
        this.feed = feed;
        this.server = server;
    }

    /** @return the dashboard's address */
    String url() {
        return server.url();
    }

    @Override
    public ConsumerKind kind() {
        return ConsumerKind.DASHBOARD;
    }

    @Override
    public List<String> outputs() {
        return List.of("dashboard: " + server.url());
    }

    @Override
    public ConsumerStats stats() {
        return new ConsumerStats("dashboard", ConsumerStats.State.RUNNING, state.appliedEvents(), state.duplicateEvents(), 0,
                0, feed.undecodableRecords(), 0, -1, 0);
    }

    @Override
    public boolean hasSeenEnd(String runId) {
        return state.run(runId).map(detail -> detail.run().status() != RunState.RUNNING).orElse(false);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        feed.close();
        server.close();
    }
}
