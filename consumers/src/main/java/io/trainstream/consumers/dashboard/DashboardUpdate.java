package io.trainstream.consumers.dashboard;

import io.trainstream.events.RunEvent;

/**
 * What one applied event changed, as pushed to live listeners and server-sent-event clients.
 *
 * @param runId the run
 * @param seq the event's seq
 * @param eventTimeMs when the trainer raised the event (the event's {@code time}), epoch millis
 * @param appliedAtMs when the dashboard applied it, epoch millis (for latency measurements)
 * @param run the run's overview after the event
 * @param step the train-loss point the event added, or null
 * @param metric the metric value the event added, or null
 * @param event the event (sent as its JSON-lines object, see {@code RunEventJson})
 */
public record DashboardUpdate(String runId, long seq, long eventTimeMs, long appliedAtMs, RunOverview run,
                              StepPoint step, MetricPoint metric, RunEvent event) {

    /**
     * A point added to the train-loss series.
     *
     * @param step the 1-based train step index
     * @param loss the loss
     */
    public record StepPoint(long step, double loss) {
    }

    /**
     * A value added to a metric series.
     *
     * @param name the metric's name
     * @param epoch the epoch
     * @param value the value
     */
    public record MetricPoint(String name, int epoch, double value) {
    }
}
