package io.trainstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.util.List;
import java.util.Map;

/**
 * Runs the last command given (picocli's {@code RunLast}) after refusing options that a command accepts
 * through the common mixin but would ignore: the embedded broker has no topics, so {@code broker
 * --events-topic} would silently do nothing.
 */
final class CheckedExecution implements IExecutionStrategy {

    /** Common options each command would ignore. */
    private static final Map<String, List<String>> IGNORED = Map.of(
            "broker", List.of("--events-topic", "--runs-topic", "--bootstrap-servers", "--connect-timeout"));

    /** {@inheritDoc} */
    @Override
    public int execute(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        for (String option : IGNORED.getOrDefault(last.commandSpec().name(), List.of())) {
            if (last.hasMatchedOption(option)) {
                throw new ParameterException(last.commandSpec().commandLine(), option + " does not apply to '"
                        + last.commandSpec().name() + "': the embedded broker serves every topic and is not a client of one");
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
