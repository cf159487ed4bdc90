package io.trainstream.cli.runs;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.consumers.runlog.RunsIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code trainstream runs}: every run of the runs index as a table, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List every run in the runs index: id, name, status, start time, duration, epochs, "
                + "watched metric with its last and best value.")
public final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public RunsCommand() {
    }

    /** Reads the runs index and prints the table. */
    @Override
    public Integer call() {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        try (EventLog log = EventLog.connect(settings)) {
            RunsIndex index = RunsIndex.load(log.readSettings(), settings.runsTopic());
            PrintWriter out = spec.commandLine().getOut();
            if (index.size() == 0) {
                out.println("no runs yet in topic " + settings.runsTopic() + " on " + log.describe()
                        + "; start one with: trainstream train");
            } else {
                RunsTable.render(index.runs(), Instant.now()).forEach(out::println);
            }
            out.flush();
            if (index.undecodable() > 0) {
                spec.commandLine().getErr().println("trainstream runs: skipped " + index.undecodable()
                        + " undecodable record(s) in " + settings.runsTopic());
            }
            return ExitCodes.OK;
        }
    }
}
