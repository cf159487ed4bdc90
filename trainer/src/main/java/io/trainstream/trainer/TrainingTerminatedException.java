package io.trainstream.trainer;

/**
 * Thrown out of {@code train()} at the end of a run that a callback asked to terminate (for example
 * {@code TerminateOnNaNCallback} after a NaN loss). It replaces the reference's process exit: the run
 * end hook and every callback's {@code onTrainingRunEnd} have run before it is thrown, and the JVM
 * keeps running.
 */
public class TrainingTerminatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the run was terminated
     */
    public TrainingTerminatedException(String reason) {
        super(reason);
    }
}
