package io.trainstream.consumers.runlog;

/** Base of the failures of reading runs back from the log; unchecked. */
public class RunLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what failed
     * @param cause the underlying failure, or null
     */
    public RunLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
