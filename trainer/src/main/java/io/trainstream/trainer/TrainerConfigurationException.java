package io.trainstream.trainer;

/** A trainer, callback or config was set up wrongly; the message names the offending value. */
public class TrainerConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and with which value
     */
    public TrainerConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and with which value
     * @param cause the underlying failure
     */
    public TrainerConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
