package io.trainstream.trainer.kafka;

import java.time.Duration;

/**
 * The Kafka cluster holding the event log could not be reached, or did not answer, within a bounded
 * time. Retrying later may help. The message is one line naming the bootstrap servers and the timeout,
 * fit to be printed as is.
 */
public class EventLogUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * @param bootstrapServers the servers that were tried
     * @param timeout how long they were given
     * @param what what could not be done, e.g. "list topics"
     * @param cause the client's error
     */
    public EventLogUnavailableException(String bootstrapServers, Duration timeout, String what, Throwable cause) {
        super("Kafka at " + bootstrapServers + " is unavailable: could not " + what + " within "
                + timeout.toMillis() + " ms" + (cause == null ? "" : " (" + describe(cause) + ")"), cause);
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** @return the bootstrap servers that were tried */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return how long they were given */
    public Duration timeout() {
        return timeout;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
