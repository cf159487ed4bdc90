package io.trainstream.consumers.dashboard;

/** Where a run stands, as the dashboard shows it. */
public enum RunState {
    /** Started, not ended yet (or its end has not been read yet). */
    RUNNING,
    /** Ended normally. */
    COMPLETED,
    /** Ended early by a stop request (early stopping, NaN loss, ...). */
    STOPPED,
    /** Ended by an error. */
    FAILED,
    /** Ended because its process was asked to stop (SIGTERM, Ctrl-C). */
    INTERRUPTED,
    /** Ended with a status this reader does not know (written by a newer trainer). */
    UNKNOWN
}
