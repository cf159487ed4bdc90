package io.trainstream.trainer.kafka;

import io.trainstream.trainer.outbox.Outbox;

/**
 * When the sender fsyncs its outbox, and when it writes the bookkeeping beside it. Entries are fsynced
 * every {@code syncEvents} appends or {@code syncInterval}, whichever comes first. The bookkeeping (the
 * acknowledged-position marker, deleting delivered segments, the run files' checkpoints: each a write
 * and a rename, ~40% of the sender thread's CPU at the bench MLP's event rate when done at every fsync)
 * follows at most once per {@link #BOOKKEEPING_MS}: a marker or checkpoint that far behind only makes a
 * successor resend or re-read a little more after a crash. Used by the sender thread only.
 */
final class SyncCadence {

    /**
     * Longest gap between rewrites of the outbox's marker and the run files' checkpoints while events flow.
     * System property {@code trainstream.outbox.bookkeeping.ms} (default 1000; 0 rewrites them at every
     * fsync, the behaviour before, kept so the bench can compare both).
     */
    static final long BOOKKEEPING_MS = Long.getLong("trainstream.outbox.bookkeeping.ms", 1_000);

    private final Outbox outbox;
    private final Runnable writeCheckpoints;
    private long lastSync;
    private long lastBookkeeping;
    private int unsynced;

    /**
     * @param outbox the outbox to fsync
     * @param writeCheckpoints writes the run files' checkpoints (after the outbox's own bookkeeping)
     */
    SyncCadence(Outbox outbox, Runnable writeCheckpoints) {
        this.outbox = outbox;
        this.writeCheckpoints = writeCheckpoints;
    }

    /** Starts the interval clock. */
    void start(long now) {
        lastSync = now;
    }

    /** Counts one entry appended to the outbox since the last fsync. */
    void appended() {
        unsynced++;
    }

    /** Fsyncs when due, with the bookkeeping when that is due too. */
    void maybeSync(long now) {
        if (unsynced < outbox.settings().syncEvents() && now - lastSync < outbox.settings().syncInterval().toMillis()) {
            return;
        }
        if (now - lastBookkeeping >= BOOKKEEPING_MS) {
            syncAll();
            lastBookkeeping = now;
        } else {
            outbox.syncEntries();
        }
        unsynced = 0;
        lastSync = now;
    }

    /** Fsyncs the entries and writes all bookkeeping now (at the sender's end). */
    void syncAll() {
        // the marker last: a run's checkpoint is what tells a successor of a run whose events the marker
        // says are delivered; written after the marker, a crash between the two left a run no one marks CRASHED
        long acked = outbox.ackedUpTo();
        outbox.syncEntries();
        writeCheckpoints.run();
        outbox.markAcknowledged(acked);
    }
}
