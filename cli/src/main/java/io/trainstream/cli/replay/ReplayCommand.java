package io.trainstream.cli.replay;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.UsageException;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.cli.train.TrainConfigFile;
import io.trainstream.consumers.kinds.ConsumerKind;
import io.trainstream.consumers.replay.HistoryExport;
import io.trainstream.consumers.replay.HistoryPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code trainstream replay <run-id>}: reads only that run's records, rebuilds its history, prints a
 * summary table, exports CSV/JSON, plots, and re-drives one consumer into a directory of its own.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuild a run's history from its events (only that run's records are read) and print a summary.",
                "Export it (--csv, --json), plot it (--plot), or re-drive a consumer from it (--redrive ... --out DIR)."})
public final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, as listed by 'trainstream runs'.")
    private String runId;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the history as CSV: metric,index,value.")
    private Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the history as JSON: {current_epoch, metrics: {name: [values]}}.")
    private Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Plot the per-step train loss and every per-epoch metric.")
    private Path plot;

    @Option(names = "--train-config", paramLabel = "FILE",
            description = "Write the run's training config file ('trainstream train --config FILE' repeats the run).")
    private Path trainConfig;

    @Option(names = "--redrive", paramLabel = "CONSUMER",
            description = "Feed the run's events, marked REPLAY, into a fresh ${COMPLETION-CANDIDATES} consumer writing to --out.")
    private ConsumerKind redrive;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The re-driven consumer's own output directory (never a live consumer's; required with --redrive).")
    private Path out;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public ReplayCommand() {
    }

    /** Reads, replays, prints and writes. */
    @Override
    public Integer call() {
        if (redrive != null && out == null) {
            throw new UsageException("--redrive needs --out DIR: a replay writes to a directory of its own");
        }
        if (redrive == null && out != null) {
            throw new UsageException("--out goes with --redrive");
        }
        OutputFiles.checkWritable(csv, "--csv");
        OutputFiles.checkWritable(json, "--json");
        OutputFiles.checkWritable(plot, "--plot");
        OutputFiles.checkWritable(trainConfig, "--train-config");
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        PrintWriter stdout = spec.commandLine().getOut();
        try (EventLog log = EventLog.connect(settings)) {
            RecordedRun run = RecordedRun.read(log, runId, spec.commandLine().getErr(), "replay");
            SummaryTable.render(runId, run.replay(), (int) run.replay().eventCount()).forEach(stdout::println);
            if (csv != null) {
                HistoryExport.writeCsv(run.replay().history(), csv);
                stdout.println("history CSV: " + csv);
            }
            if (json != null) {
                HistoryExport.writeJson(run.replay().history(), json);
                stdout.println("history JSON: " + json);
            }
            if (plot != null) {
                HistoryPlot.writePng(run.replay(), runId, plot);
                stdout.println("plot: " + plot);
            }
            if (trainConfig != null) {
                String text = TrainConfigFile.fromHyperparameters(run.replay().hyperparameters(), run.replay().seed(), runId,
                        run.replay().runName());
                try {
                    Files.writeString(trainConfig, text);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + trainConfig, e);
                }
                stdout.println("train config: " + trainConfig);
            }
            if (redrive != null) {
                stdout.println("re-driven: " + Redrive.run(redrive, run, out));
            }
            stdout.flush();
            return ExitCodes.OK;
        }
    }
}
