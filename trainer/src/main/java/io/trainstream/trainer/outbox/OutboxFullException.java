package io.trainstream.trainer.outbox;

import java.nio.file.Path;

/**
 * The outbox reached its size bound while the broker was away and the policy is {@link FullPolicy#FAIL}.
 * Retrying later may help (once the broker is back and the outbox has drained). The events already
 * accepted stay in the outbox and are delivered by this or the next publisher on the same directory.
 */
public class OutboxFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param dir the outbox directory
     * @param maxBytes its bound
     */
    public OutboxFullException(Path dir, long maxBytes) {
        super("event outbox " + dir + " is full (" + maxBytes + " bytes of undelivered events; Kafka unreachable):"
                + " training stopped; the events kept there are delivered when the broker is back");
    }

    /**
     * @param message one line naming the outbox and why it cannot take more events (e.g. its disk is full)
     */
    public OutboxFullException(String message) {
        super(message);
    }
}
