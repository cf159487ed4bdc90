package io.trainstream.trainer.outbox;

/** What the publisher does when the outbox holds {@code maxBytes} of undelivered events. */
public enum FullPolicy {
    /**
     * Backpressure (the default): the sender stops taking events, the in-memory queue fills and then
     * {@code publish} blocks the training thread until the broker has acknowledged enough to make room.
     * Training slows down or pauses; nothing is lost.
     */
    BLOCK,
    /** {@code publish} throws {@link OutboxFullException} on the training thread: the run ends with a clear error. */
    FAIL
}
