package io.trainstream.cli.runs;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.cli.train.TrainConfigFile;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.RunsIndex;
import io.trainstream.consumers.runlog.UnknownRunException;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.history.RunHistory;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trainstream runs}: every run of the runs index as a table, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Columns: id, name, status, start time, duration, epochs, steps, data, and",
                "the watched metric with its last and best value. --metric NAME adds NAME's",
                "last and best value (highest for accuracy-like names and r2, lowest",
                "otherwise), read from each run's log; epochs are then counted from the log."})
public final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--metric", paramLabel = "NAME", split = ",",
            description = "Extra metric columns, e.g. accuracy,eval_loss_epoch (reads each run's events).")
    private List<String> metrics = new ArrayList<>();

    @Option(names = "--config-of", paramLabel = "RUN_ID",
            description = "Print the recorded run's training config file instead of the table: 'train --config FILE' repeats it.")
    private String configOf;

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
            if (configOf != null) {
                RunSummary run = index.find(configOf).orElseThrow(() -> new UnknownRunException(configOf, settings.runsTopic()));
                out.print(TrainConfigFile.fromRunConfig(run.getConfig(), run.getRunId(), run.getRunName()));
                out.flush();
                return ExitCodes.OK;
            }
            if (index.size() == 0) {
                out.println("no runs yet in topic " + settings.runsTopic() + " on " + log.describe()
                        + "; start one with: trainstream train");
            } else {
                Map<String, RunHistory> histories = new HashMap<>();
                if (!metrics.isEmpty()) {
                    RunLogReader reader = new RunLogReader(log.readSettings(), settings.runsTopic());
                    for (RunSummary run : index.runs()) {
                        // streamed: only the rebuilt history is kept, not the run's events
                        RunReplay.Rebuild rebuild = RunReplay.rebuild();
                        reader.stream(run, rebuild);
                        histories.put(run.getRunId(), rebuild.result().history());
                    }
                }
                RunsTable.render(index.runs(), Instant.now(), metrics, histories).forEach(out::println);
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
