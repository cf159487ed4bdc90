package io.trainstream.trainer;

/**
 * Thrown out of {@code train()} or {@code evaluate()} after {@link Trainer#interrupt(String)}: the run
 * ended at a step boundary, its {@code run_end} event says INTERRUPTED with this message as reason, and
 * its log was flushed (bounded) before this was thrown.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the run was interrupted, e.g. "SIGTERM"
     */
    public TrainingInterruptedException(String reason) {
        super("interrupted: " + reason);
    }
}
