package io.trainstream.cli;

import io.trainstream.cli.broker.BrokerCommand;
import io.trainstream.cli.consume.ConsumeCommand;
import io.trainstream.cli.demo.DemoCommand;
import io.trainstream.cli.predict.PredictCommand;
import io.trainstream.cli.replay.ReplayCommand;
import io.trainstream.cli.replay.WhatIfCommand;
import io.trainstream.cli.resume.ResumeCommand;
import io.trainstream.cli.runs.EventsCommand;
import io.trainstream.cli.runs.RunsCommand;
import io.trainstream.cli.train.TrainCommand;
import io.trainstream.cli.train.TrainConfigDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code trainstream} command. {@link #main} runs it for the process and exits with its code;
 * {@link #execute} runs it in-process with given streams and environment (tests).
 */
@Command(name = "trainstream", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "An event-sourced model trainer: every callback event of a run is appended to Kafka.",
        subcommands = {DemoCommand.class, TrainCommand.class, PredictCommand.class, ResumeCommand.class, RunsCommand.class,
                EventsCommand.class, ReplayCommand.class, WhatIfCommand.class, ConsumeCommand.class, BrokerCommand.class,
                HelpCommand.class},
        footer = {"", "Without --bootstrap-servers (or TRAINSTREAM_BOOTSTRAP_SERVERS), commands use",
                "an embedded Kafka broker with its data in $TRAINSTREAM_HOME/kafka",
                "(default ~/.trainstream/kafka).",
                "Standard output carries results only; progress, notes and errors go to stderr."})
public final class TrainstreamCli implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    /** @param environment environment variables and home directory the commands read */
    public TrainstreamCli(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** @return the environment the commands read */
    public CliEnvironment environment() {
        return environment;
    }

    /** Without a subcommand: prints the usage to stderr and fails as bad usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * Runs the command for this process (offline DJL, no telemetry) and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        setDefault("org.apache.avro.SERIALIZABLE_PACKAGES", "io.trainstream.schemas.avro");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err, CliEnvironment.system());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command in this JVM.
     *
     * @param args the command line
     * @param out standard output: results only
     * @param err standard error: one line per failure, logs
     * @param environment the environment variables and home directory to use
     * @return the exit code (see {@link ExitCodes})
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment) {
        ErrorReporter reporter = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new TrainstreamCli(environment))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(new CheckedExecution())
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter);
        HelpLayout.apply(commandLine);
        TrainConfigDefaults.install(commandLine.getSubcommands().get("train"), args,
                environment.get(io.trainstream.cli.config.SettingsResolver.CONFIG_ENV));
        return commandLine.execute(args);
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
