package io.trainstream.consumers.runtime;

/** Whether an event is seen for the first time by its consumer group, or again to rebuild state. */
public enum ReplayStatus {
    /** The group has not handled this event before (as far as its committed offsets tell). */
    LIVE,
    /**
     * The event is re-read: below the group's committed offset when a sink rebuilds its state from the
     * start, or driven from a recorded run's log. Outputs it leads to already exist, or belong to a replay.
     */
    REPLAY
}
