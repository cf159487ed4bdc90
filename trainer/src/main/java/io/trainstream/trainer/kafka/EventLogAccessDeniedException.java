package io.trainstream.trainer.kafka;

/**
 * The Kafka cluster refused an operation on the event log because the client's principal is not
 * allowed to do it (an ACL is missing). Retrying does not help; granting the ACL does. The message is
 * one line naming the servers, the operation and Kafka's own words, fit to be printed as is.
 */
public class EventLogAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;

    /**
     * @param bootstrapServers the cluster that refused
     * @param what the refused operation, e.g. "create topic trainstream.events"
     * @param cause Kafka's authorization error
     */
    public EventLogAccessDeniedException(String bootstrapServers, String what, Throwable cause) {
        super("Kafka at " + bootstrapServers + " refused to " + what + ": " + cause.getMessage()
                + " (the client's principal lacks the ACL for it; SCALING.md lists what trainers and consumers need)",
                cause);
        this.bootstrapServers = bootstrapServers;
    }

    /** @return the cluster that refused */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
