package io.trainstream.trainer.kafka;

/**
 * The sender thread's view of a cluster it cannot reach (a send fails at once because the topic's
 * metadata cannot be fetched). For up to {@code holdMillis} the sender holds the event and retries it,
 * so a short outage loses nothing; past that, events fail at once, except one attempt per
 * {@code probeMillis} that checks whether the cluster is back. Used by the sender thread only.
 */
final class Outage {

    private final long holdMillis;
    private final long probeMillis;
    private long since = -1;
    private long nextProbe;

    Outage(long holdMillis, long probeMillis) {
        this.holdMillis = holdMillis;
        this.probeMillis = probeMillis;
    }

    /** @return true when the next event should fail without an attempt */
    boolean failFast(long now) {
        return since >= 0 && now - since >= holdMillis && now < nextProbe;
    }

    /**
     * Notes a failed attempt.
     *
     * @return true to hold the event and retry it, false to fail it
     */
    boolean hold(long now) {
        if (since < 0) {
            since = now;
        }
        if (now - since < holdMillis) {
            return true;
        }
        nextProbe = now + probeMillis;
        return false;
    }

    /** Notes a send that was accepted: the outage, if any, is over. */
    void clear() {
        since = -1;
    }

    /** @return the epoch millis the outage began, or -1 */
    long since() {
        return since;
    }
}
