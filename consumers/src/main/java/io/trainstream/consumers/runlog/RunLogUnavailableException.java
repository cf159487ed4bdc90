package io.trainstream.consumers.runlog;

/**
 * The broker could not be reached, or did not answer within the read timeout. Retrying later may
 * help; the message names the bootstrap servers.
 */
public class RunLogUnavailableException extends RunLogException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the bootstrap servers and the timeout
     * @param cause the Kafka client's exception, or null
     */
    public RunLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
