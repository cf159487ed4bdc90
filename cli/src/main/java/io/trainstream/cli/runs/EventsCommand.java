package io.trainstream.cli.runs;

import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.TrainstreamCli;
import io.trainstream.cli.broker.EventLog;
import io.trainstream.cli.config.CliSettings;
import io.trainstream.cli.config.CommonOptions;
import io.trainstream.cli.config.SettingsResolver;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.events.RunEvent;
import io.trainstream.events.RunEventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code trainstream events <run-id>}: the run's events, decoded, one JSON object per line in seq
 * order. Only that run's records are read: the runs index says where they lie.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print one run's events as JSON lines, in seq order (pipe into jq).",
                "Keys: run_id, seq, time, event, epoch, global_step, step (when the event has one), payload."})
public final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainstreamCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, as printed by 'trainstream train' or listed by 'trainstream runs'.")
    private String runId;

    @Mixin
    private CommonOptions common;

    /** Creates the command; picocli does this. */
    public EventsCommand() {
    }

    /** Reads the run's events and prints them. */
    @Override
    public Integer call() throws IOException {
        CliSettings settings = SettingsResolver.resolve(common, root.environment());
        try (EventLog log = EventLog.connect(settings)) {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            // streamed: each event is written as it is decoded, so a long run is never held in memory
            StreamedRun runLog = RecordedRuns.streamOrScan(log.readSettings(), settings.runsTopic(), settings.eventsTopic(),
                    runId, notice -> {
                        err.println("trainstream events: " + notice);
                        err.flush();
                    }, event -> writeLine(event, out));
            out.flush();
            if (!runLog.isComplete()) {
                spec.commandLine().getErr().println("trainstream events: run " + runId + " is incomplete in the log: "
                        + runLog.missingSeqs() + " seq(s) missing, " + runLog.undecodable() + " record(s) undecodable"
                        + (runLog.late() == 0 ? "" : ", " + runLog.late() + " record(s) out of seq order left out"));
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    private static void writeLine(RunEvent event, PrintWriter out) {
        try {
            // the same writer as the dashboard's events
            RunEventJson.writeLine(event, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.seq(), e);
        }
    }
}
