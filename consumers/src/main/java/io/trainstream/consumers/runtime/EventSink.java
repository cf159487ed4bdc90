package io.trainstream.consumers.runtime;

import java.util.Set;

/**
 * What a consumer does with the events of the log: the one interface a consumer type implements.
 *
 * <p>Contract, which makes each output exactly once under at-least-once delivery:
 * <ul>
 *   <li>{@link #handle} is called once per new (run id, seq), in seq order per run, on the runner's
 *       thread. It may buffer.</li>
 *   <li>{@link #flush()} makes everything handled so far durable. Offsets are committed only after it
 *       returns; after a crash the runner re-delivers from the last commit.</li>
 *   <li>{@link #lastDurableSeq} tells the runner, after a (re)start or rebalance, what the sink already
 *       holds for a run; the runner drops re-delivered events at or below it. A sink that wrote output
 *       beyond its last flush must discard that output when it starts (e.g. truncate to the length
 *       recorded at the last flush), so re-handling re-creates it once.</li>
 *   <li>{@link #onReset} and {@link #onCaughtUp} frame each rebalance: state of partitions that left
 *       (or are about to be re-read) is dropped, and the sink learns when a re-read is over. A re-drive
 *       of a recorded run ({@code RunRedrive}) frames its events the same way.</li>
 * </ul>
 *
 * <p>Threads: every method except {@link #name()} and {@link #supportsReplay()} is called by one
 * runner thread at a time; a sink that exposes state to other threads (a dashboard, a scrape
 * endpoint) must publish it safely itself.
 */
public interface EventSink extends AutoCloseable {

    /**
     * @return the consumer type's name, e.g. {@code "logging"}; the consumer group is
     *     {@code "trainstream." + name()}
     */
    String name();

    /**
     * @return true when the sink accepts {@link ReplayStatus#REPLAY} events (state rebuilds and
     *     re-driving a recorded run); false sinks are never given one
     */
    boolean supportsReplay();

    /**
     * Handles one new event. A thrown exception goes to the runner's {@link ErrorHandler}.
     *
     * @param event the event and where it was read
     */
    void handle(ConsumedEvent event);

    /** Makes everything handled so far durable; called before offsets are committed. */
    void flush();

    /**
     * The highest seq of a run whose effects this sink already holds durably, or -1 when none. Called
     * once per run when the runner first meets it after a start or rebalance; the default (-1) suits
     * sinks that {@linkplain #rebuildsFromStart() rebuild from the start}.
     *
     * @param runId the run
     * @return the highest durable seq, or -1
     */
    default long lastDurableSeq(String runId) {
        return -1L;
    }

    /**
     * @return true when the sink keeps its state only in memory: on each partition assignment the
     *     runner then re-reads the partition from its beginning and marks the records below the group's
     *     committed offset {@link ReplayStatus#REPLAY}; requires {@link #supportsReplay()}
     */
    default boolean rebuildsFromStart() {
        return false;
    }

    /**
     * The reset hook (Axon's {@code ResetHandler}): drop whatever the sink holds of the runs whose
     * events lie on these partitions of the events topic. Called on the runner thread when partitions
     * are {@linkplain ResetReason#REVOKED revoked} or {@linkplain ResetReason#LOST lost} (their runs
     * moved to another member of the group and must not linger here), and, for a sink that {@linkplain
     * #rebuildsFromStart() rebuilds from the start}, when partitions are {@linkplain
     * ResetReason#REASSIGNED assigned}, just before they are re-read from their beginning. An exception
     * stops the runner. The default does nothing (right for sinks whose state is durable per run).
     *
     * @param partitions the partitions concerned (never empty)
     * @param reason why
     */
    default void onReset(Set<Integer> partitions, ResetReason reason) {
    }

    /**
     * The caught-up signal (the end of Axon's {@code ReplayToken}): the runner has re-read a partition
     * up to the offset its group had committed when the partition was assigned, so every later event of
     * it is {@link ReplayStatus#LIVE}. Called once per assignment of each partition, on the runner thread,
     * after the poll that reached it; for a sink that does not rebuild from the start, right after the
     * assignment. The default does nothing.
     *
     * @param partition the partition of the events topic
     */
    default void onCaughtUp(int partition) {
    }

    /**
     * Releases files and servers. It makes nothing durable: call {@link #flush()} first (the runner does
     * on a clean shutdown). The default does nothing.
     */
    @Override
    default void close() {
    }
}
