package io.trainstream.trainer.data;

/**
 * A dataset file could not be used: missing, empty, without the label column, or with a value that is
 * not a number or a row of the wrong length. The message is one line naming the file and, where there
 * is one, the line and column.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, line and column */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file
     * @param cause the underlying I/O failure
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
