package io.trainstream.consumers.runtime;

/**
 * A snapshot of a runner's counters; all counts since the runner started.
 *
 * @param name the sink's name
 * @param state where the runner is in its life
 * @param processed events handed to the sink (including REPLAY ones)
 * @param duplicatesSkipped events dropped because their (run id, seq) was already handled
 * @param gaps seq jumps seen (each jump counts once)
 * @param missingEvents events skipped over by those jumps
 * @param deadLettered records that did not decode: sent to the dead-letter topic, or skipped when the runner has none
 * @param sinkErrors events whose handling failed and that the error handler skipped or stopped on
 * @param lag records behind the end of the assigned partitions at the last poll, or -1 when unknown
 * @param commits offset commits done
 */
public record ConsumerStats(String name, State state, long processed, long duplicatesSkipped, long gaps,
        long missingEvents, long deadLettered, long sinkErrors, long lag, long commits) {

    /** A runner's life. */
    public enum State {
        /** Created, not running yet. */
        CREATED,
        /** Polling. */
        RUNNING,
        /** Stopped by {@code close()} or {@code abort()}. */
        STOPPED,
        /** Stopped by an error (see {@code ConsumerRunner.failure()}). */
        FAILED
    }
}
