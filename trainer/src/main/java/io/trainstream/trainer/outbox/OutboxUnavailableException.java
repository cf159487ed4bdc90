package io.trainstream.trainer.outbox;

import java.nio.file.Path;

/**
 * The outbox directory cannot be created, written or locked. Not retriable as such: the directory or
 * its permissions must be fixed. The message is one line naming the directory.
 */
public class OutboxUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path dir;

    /**
     * @param dir the directory
     * @param what what could not be done, e.g. "create" or "write"
     * @param cause the I/O error, or null
     */
    public OutboxUnavailableException(Path dir, String what, Throwable cause) {
        super("event outbox directory " + dir + " is not usable: cannot " + what
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")"), cause);
        this.dir = dir;
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }
}
