package io.trainstream.trainer;

/**
 * Raised by a hook or a callback to end a training run early (the seed's {@code StopTrainingError}).
 *
 * <p>The trainer catches it around each epoch of {@code train()} and around the evaluation epoch of
 * {@code evaluate()}: it prints the reason, fires {@code onStopTrainingError}, leaves the epoch loop
 * and still runs the run-end hook and event. Raised from {@code onTrainingRunStart},
 * {@code onTrainingRunEnd} or {@code onEvaluationRunStart} it is not caught and escapes the call.
 */
public class StopTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the reason training stops.
     *
     * @param reason why training stops; printed by the trainer and published with the event
     */
    public StopTrainingException(String reason) {
        super(reason);
    }

    /** @return why training stopped */
    public String reason() {
        return getMessage();
    }
}
