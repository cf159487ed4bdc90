package io.trainstream.trainer;

import io.trainstream.trainer.callback.CallbackHandler;
import io.trainstream.trainer.event.EventPublisher;
import io.trainstream.trainer.event.EventRecorder;
import io.trainstream.events.EventBody;
import io.trainstream.events.RunStart;
import io.trainstream.events.history.RunHistory;

import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A trainer's side of the event log, in one place: the recorder that numbers its events and the
 * publisher it hands them to, whether eval outputs are published, the run info recorded with each run's
 * start, and which run is open (new or continued; see {@link RunLifecycle}). It outlives runs: these
 * settings apply to every later run of the trainer.
 */
final class TrainerEventLog {

    private final EventRecorder recorder;
    private final RunLifecycle runs;
    private RunInfo runInfo = RunInfo.unnamed();

    /**
     * @param epoch reads the run history's current epoch, stamped on each event
     * @param globalStep reads the updates completed in the current run, stamped on each event
     */
    TrainerEventLog(IntSupplier epoch, LongSupplier globalStep) {
        this.recorder = new EventRecorder(epoch, globalStep);
        this.runs = new RunLifecycle(recorder);
    }

    /** @return a view of {@code history} whose every change is also appended to this log */
    RunHistory recording(RunHistory history) {
        return new RecordingRunHistory(history, recorder);
    }

    /** Makes {@code handler}'s events go to this log. */
    void attach(CallbackHandler handler) {
        handler.attachRecorder(recorder);
    }

    void publishTo(EventPublisher publisher) {
        recorder.attach(publisher);
    }

    void publishEvalOutputs(boolean publish) {
        recorder.publishEvalOutputs(publish);
    }

    void continueRun(String runId, long firstSeq) {
        runs.continueRun(runId, firstSeq);
    }

    RunInfo runInfo() {
        return runInfo;
    }

    void setRunInfo(RunInfo info) {
        runInfo = Objects.requireNonNull(info, "info");
    }

    /** @return the id of the run in progress, or null between runs */
    String runId() {
        return recorder.runId();
    }

    /** @return the id of the run in progress or of the last one, or null before any */
    String lastRunId() {
        return runs.lastRunId();
    }

    /** Opens a run: a new id, or the one given to {@link #continueRun}. */
    void beginRun() {
        runs.begin();
    }

    /** Logs the open run's {@code run_start}. */
    void recordStart(RunStart start) {
        runs.recordStart(start);
    }

    /** Logs the open run's {@code run_end}, closes it and waits (bounded) for the log to have it all. */
    void endRun(EventBody.RunEnd outcome) {
        runs.end(outcome);
    }
}
