package io.trainstream.trainer.checkpoint;

/** A checkpoint or training state could not be written or read; the message names the path. */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and where
     * @param cause the underlying failure, or null
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed and where */
    public CheckpointException(String message) {
        super(message);
    }
}
