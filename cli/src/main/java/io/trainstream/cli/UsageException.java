package io.trainstream.cli;

/** An argument or option value the command cannot use; reported as one line with exit code 2. */
public class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the option and what is wrong */
    public UsageException(String message) {
        super(message);
    }
}
