package io.trainstream.consumers.dashboard;

import io.trainstream.events.RunEvent;

import java.util.List;

/**
 * A run's detail, curves and latest events taken at one instant: the first message a live stream
 * sends, after which only updates with a greater seq follow.
 *
 * @param detail the run and its config
 * @param metrics its curves
 * @param events its latest events, oldest first (sent in their JSON-lines form)
 */
public record RunSnapshot(RunDetail detail, RunMetrics metrics, List<RunEvent> events) {

    /** Copies the list. */
    public RunSnapshot {
        events = List.copyOf(events);
    }
}
