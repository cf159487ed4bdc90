package io.trainstream.broker;

/**
 * Thrown when the embedded broker cannot start: its data directory is not writable, a port it
 * needs is taken, storage formatting failed, or it did not accept connections in time.
 *
 * <p>The message names what failed (the path, the address or the timeout). Retrying with the same
 * configuration only helps when the cause was transient, e.g. a port that another process releases.
 */
public class BrokerStartException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the path, port or timeout involved
     */
    public BrokerStartException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the path, port or timeout involved
     * @param cause   the underlying failure
     */
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
