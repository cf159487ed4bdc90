package io.trainstream.consumers.dashboard;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A run's detail, curves and latest events taken at one instant: the first message a live stream
 * sends, after which only updates with a greater seq follow.
 *
 * @param detail the run and its config
 * @param metrics its curves
 * @param events its latest events in JSON-lines form, oldest first
 */
public record RunSnapshot(RunDetail detail, RunMetrics metrics, List<JsonNode> events) {

    /** Copies the list. */
    public RunSnapshot {
        events = List.copyOf(events);
    }
}
