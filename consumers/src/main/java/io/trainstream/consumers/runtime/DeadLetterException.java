package io.trainstream.consumers.runtime;

/**
 * A record could not be written to the dead-letter topic. The runner stops without committing past it,
 * so the record is read again on restart: nothing is lost.
 */
public class DeadLetterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic the dead-letter topic
     * @param cause why the write failed
     */
    public DeadLetterException(String topic, Throwable cause) {
        super("could not write to dead-letter topic " + topic + ": " + cause, cause);
    }
}
