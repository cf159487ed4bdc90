package io.trainstream.consumers.dashboard;

import io.trainstream.schemas.avro.RunStatus;

/**
 * One run as the runs list shows it: an immutable snapshot, serialised as-is by the JSON API.
 *
 * @param id the run id (the events' key)
 * @param name the run's name from its {@code run_start} event, or null
 * @param kind {@code train} or {@code evaluate}, or null until {@code run_start} is read
 * @param status where the run stands: RUNNING until its {@code run_end} is read, then how it ended (never
 *     CRASHED: the dashboard knows a run from its events only)
 * @param startedAtMs when the run started (its {@code run_start}, else its first event read), epoch millis
 * @param endedAtMs when it ended, epoch millis, or null while running
 * @param reason the stop or failure message, or null
 * @param epoch the latest epoch seen (1-based)
 * @param globalStep the latest global step seen
 * @param trainSteps train steps seen ({@code train_step_end} events)
 * @param lastSeq the highest seq applied
 * @param events events applied
 * @param missingEvents events skipped over by a gap in seq (lost or not yet read)
 */
public record RunOverview(String id, String name, String kind, RunStatus status, long startedAtMs, Long endedAtMs,
                          String reason, int epoch, long globalStep, long trainSteps, long lastSeq, long events,
                          long missingEvents) {
}
