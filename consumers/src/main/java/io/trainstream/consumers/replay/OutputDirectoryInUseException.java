package io.trainstream.consumers.replay;

/**
 * A consumer's output directory belongs to the other side: a live consumer was given a re-drive's
 * directory, or a re-drive a live consumer's (see {@link ReplayOutputs}).
 */
public class OutputDirectoryInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message names the directory and whose it is */
    public OutputDirectoryInUseException(String message) {
        super(message);
    }
}
