package io.trainstream.cli;

/** The exit codes of the {@code trainstream} command, as listed in every command's help and in cli/README.md. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The command ran but failed: broker unreachable, unknown run, training failed. */
    public static final int FAILURE = 1;
    /** Bad usage: an unknown option, a bad value, a bad config or data file. */
    public static final int USAGE = 2;
    /**
     * Interrupted by Ctrl-C (SIGINT): the JVM's own code, 128 + 2, after the shutdown hooks ran (a training
     * run is ended with run_end INTERRUPTED in the log, consumers are closed). SIGTERM gives 143 (128 + 15).
     */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
