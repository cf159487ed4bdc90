package io.trainstream.cli.replay;

import io.trainstream.cli.broker.EventLog;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.RunLog;

import java.io.PrintWriter;

/**
 * A run read from the log (only its own records, through the runs index) and replayed.
 *
 * @param log the run's events as read
 * @param replay the history and config rebuilt from them
 */
public record RecordedRun(RunLog log, RunReplay replay) {

    /**
     * @param eventLog the event log
     * @param runId the run
     * @param err where to warn when the run's log is incomplete or the run is not in the index
     * @param command the command's name, for the warning
     * @return the replayed run
     * @throws io.trainstream.consumers.runlog.UnknownRunException when neither the index nor the events topic has the run
     */
    public static RecordedRun read(EventLog eventLog, String runId, PrintWriter err, String command) {
        RunLog log = RecordedRuns.readOrScan(eventLog.readSettings(), eventLog.settings().runsTopic(),
                eventLog.settings().eventsTopic(), runId, notice -> {
                    err.println("trainstream " + command + ": " + notice);
                    err.flush();
                });
        if (!log.isComplete()) {
            err.println("trainstream " + command + ": warning: run " + runId + " is incomplete in the log: " + log.missingSeqs()
                    + " seq(s) missing, " + log.undecodable() + " record(s) undecodable");
            err.flush();
        }
        return new RecordedRun(log, RunReplay.of(log.events()));
    }

    /** @return the highest seq in the log, or -1 when it has no events */
    public long lastSeq() {
        return log.events().isEmpty() ? -1 : log.events().get(log.events().size() - 1).seq();
    }
}
