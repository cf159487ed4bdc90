package io.trainstream.cli;

/** The exit codes of the {@code trainstream} command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The command ran but failed: broker unreachable, unknown run, training failed. */
    public static final int FAILURE = 1;
    /** Bad usage: an unknown option, a bad value, a bad config or data file. */
    public static final int USAGE = 2;

    /** Interrupted (Ctrl-C or SIGTERM) after the run was ended as INTERRUPTED; the shell reports 130 or 143 too. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
