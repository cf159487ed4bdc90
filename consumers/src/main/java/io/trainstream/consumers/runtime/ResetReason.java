package io.trainstream.consumers.runtime;

/** Why the runner asks a sink to {@linkplain EventSink#onReset reset} the state of some partitions. */
public enum ResetReason {
    /** The partitions were taken away in a rebalance: their runs now belong to another group member. */
    REVOKED,
    /** The partitions were lost without a clean revocation (e.g. the session timed out). */
    LOST,
    /**
     * The partitions were (re)assigned to a sink that {@linkplain EventSink#rebuildsFromStart() rebuilds
     * from the start}: they are about to be re-read from their beginning, so what the sink holds of them
     * would otherwise be applied twice.
     */
    REASSIGNED
}
