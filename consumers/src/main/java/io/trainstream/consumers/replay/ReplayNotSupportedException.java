package io.trainstream.consumers.replay;

/** A consumer that declares it does not accept replays was asked to re-drive a run. */
public class ReplayNotSupportedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String consumer;

    /** @param consumer the consumer's name */
    public ReplayNotSupportedException(String consumer) {
        super("consumer '" + consumer + "' does not support replay: it cannot be re-driven from a recorded run");
        this.consumer = consumer;
    }

    /** @return the consumer's name */
    public String consumer() {
        return consumer;
    }
}
