package io.trainstream.cli.replay;

import io.trainstream.cli.broker.EventLog;
import io.trainstream.consumers.replay.RecordedRuns;
import io.trainstream.consumers.replay.RunEventSource;
import io.trainstream.consumers.replay.RunReplay;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunSummary;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A run read from the log (only its own records, through the runs index) and replayed as it streamed
 * past: no list of its events is kept, so reading a run needs the same heap whatever its length
 * (beyond the history rebuilt). A command that needs the events again streams them again
 * ({@link #events()}).
 *
 * @param read what was read: the range read, counts of events, gaps and bad records
 * @param replay the history and config rebuilt from the events
 * @param settings where the run was read, to stream it again
 */
public record RecordedRun(StreamedRun read, RunReplay replay, KafkaReadSettings settings) {

    /**
     * @param eventLog the event log
     * @param runId the run
     * @param err where to warn when the run's log is incomplete or the run is not in the index
     * @param command the command's name, for the warning
     * @return the replayed run
     * @throws io.trainstream.consumers.runlog.UnknownRunException when neither the index nor the events topic has the run
     */
    public static RecordedRun read(EventLog eventLog, String runId, PrintWriter err, String command) {
        return read(eventLog, runId, err, command, event -> { });
    }

    /**
     * As {@link #read(EventLog, String, PrintWriter, String)}, and hands every event to {@code alsoTo} in the
     * same pass, after the replay has taken it.
     *
     * @param eventLog the event log
     * @param runId the run
     * @param err where to warn when the run's log is incomplete or the run is not in the index
     * @param command the command's name, for the warning
     * @param alsoTo receives each event once, in seq order
     * @return the replayed run
     */
    public static RecordedRun read(EventLog eventLog, String runId, PrintWriter err, String command,
            Consumer<RunEvent> alsoTo) {
        RunReplay.Rebuild rebuild = RunReplay.rebuild();
        KafkaReadSettings settings = eventLog.readSettings();
        StreamedRun read = RecordedRuns.streamOrScan(settings, eventLog.settings().runsTopic(),
                eventLog.settings().eventsTopic(), runId, notice -> {
                    err.println("trainstream " + command + ": " + notice);
                    err.flush();
                }, rebuild.andThen(alsoTo));
        if (!read.isComplete()) {
            err.println("trainstream " + command + ": warning: run " + runId + " is incomplete in the log: " + read.missingSeqs()
                    + " seq(s) missing, " + read.undecodable() + " record(s) undecodable"
                    + (read.late() == 0 ? "" : ", " + read.late() + " record(s) out of seq order left out"));
            err.flush();
        }
        return new RecordedRun(read, rebuild.result(), settings);
    }

    /** @return the run's summary as read: where its events are */
    public RunSummary summary() {
        return read.summary();
    }

    /** @return the run's events, streamed again from the log on each call (the same range as read) */
    public RunEventSource events() {
        return visitor -> RecordedRuns.stream(settings, read.summary(), visitor);
    }

    /** @return the highest seq in the log, or -1 when it has no events */
    public long lastSeq() {
        return replay.lastSeq();
    }
}
