package io.trainstream.cli;

import io.trainstream.broker.BrokerStartException;
import io.trainstream.consumers.runlog.RunLogException;
import io.trainstream.consumers.runlog.UnknownRunException;
import io.trainstream.trainer.TrainingInterruptedException;
import io.trainstream.trainer.TrainingTerminatedException;
import io.trainstream.trainer.data.DatasetException;
import io.trainstream.trainer.kafka.EventLogUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns every failure into one line on stderr, {@code trainstream <command>: <what went wrong>} (with
 * picocli's suggestions for a mistyped option or command), and an exit code: 2 for bad usage (options,
 * config file, data file), 1 for everything else. The stack trace
 * follows only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final String KAFKA_HINT = " (is Kafka running there? see --bootstrap-servers, TRAINSTREAM_BOOTSTRAP_SERVERS)";

    /** {@inheritDoc} */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + oneLine(ex.getMessage()) + suggestions(ex) + " (see: " + name + " --help)");
        if (verbose(args)) {
            ex.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Picocli's "did you mean" for a mistyped option or command, on the same line. */
    private static String suggestions(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }

    /** {@inheritDoc} */
    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int code = ex instanceof UsageException || ex instanceof DatasetException ? ExitCodes.USAGE
                : ex instanceof TrainingInterruptedException ? ExitCodes.INTERRUPTED : ExitCodes.FAILURE;
        err.println(name + ": " + describe(ex));
        if (verbose(parseResult.originalArgs().toArray(String[]::new))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(Exception ex) {
        if (ex instanceof TrainingInterruptedException) {
            return oneLine(ex.getMessage()) + "; the run ended as INTERRUPTED (events not delivered yet stay in the outbox"
                    + " and the next command on this cluster delivers them)";
        }
        if (ex instanceof UnknownRunException) {
            return oneLine(ex.getMessage()) + "; list the runs with: trainstream runs";
        }
        if (ex instanceof EventLogUnavailableException || ex instanceof RunLogException && !(ex instanceof UnknownRunException)) {
            return oneLine(ex.getMessage()) + KAFKA_HINT;
        }
        if (ex instanceof UsageException || ex instanceof DatasetException || ex instanceof BrokerStartException
                || ex instanceof TrainingTerminatedException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof UncheckedIOException io) {
            return oneLine(ex.getMessage()) + (io.getCause() == null ? "" : ": " + ioReason(io.getCause()));
        }
        return "failed: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()))
                + " (run with --verbose for the stack trace)";
    }

    private static String ioReason(IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause instanceof java.nio.file.FileSystemException ? cause.getClass().getSimpleName() + " " + reason : reason;
    }

    private static boolean verbose(String[] args) {
        for (String arg : args) {
            if ("--verbose".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
