package io.trainstream.consumers.dashboard;

import io.trainstream.events.RunEvent;

import java.util.List;

/**
 * The JSON messages of the server-sent event streams. Every message carries {@code sentAtMs}, the
 * server's clock when it was written, and every item the event's own time and the time the dashboard
 * applied it, so a client can measure "event raised -> shown" latency.
 */
final class StreamMessages {

    private StreamMessages() {
    }

    /** SSE event {@code snapshot} of a run stream: the run as it is now ({@code run} null if unknown yet). */
    record Snapshot(long sentAtMs, RunDetail run, RunMetrics metrics, List<RunEvent> events) {
    }

    /** SSE event {@code update} of a run stream: what the events after the snapshot changed. */
    record RunBatch(long sentAtMs, RunOverview run, List<Item> items) {
    }

    /** One applied event in a {@link RunBatch}. */
    record Item(long seq, long eventTimeMs, long appliedAtMs, DashboardUpdate.StepPoint step,
                DashboardUpdate.MetricPoint metric, RunEvent event) {

        static Item of(DashboardUpdate update) {
            return new Item(update.seq(), update.eventTimeMs(), update.appliedAtMs(), update.step(), update.metric(),
                    update.event());
        }
    }

    /** SSE events {@code runs} of the all-runs stream: the runs that changed (all of them in the first). */
    record Runs(long sentAtMs, List<RunOverview> runs) {
    }
}
