package io.trainstream.trainer.callback;

import io.trainstream.events.history.RunHistory;

/**
 * A callback whose state can be rebuilt from what a run recorded, so a resumed run (from a training
 * state, or a crashed run rebuilt from its event log) continues with the decisions an uninterrupted
 * run would make. Rebuilding derives the state; it never repeats side effects (no files written).
 *
 * <p>The trainer calls {@link #resumeFrom} right after {@code onTrainingRunStart} of a resumed run.
 */
public interface ResumableCallback {

    /**
     * @param history the run's history as restored, up to the point the run resumes from
     * @param point how far the run had progressed
     */
    void resumeFrom(RunHistory history, ResumePoint point);

    /**
     * How far a run had progressed when it was saved or interrupted.
     *
     * @param completedEpochs epochs fully completed
     * @param trainBatchesSeen train batches processed in the run
     * @param updatesCompleted optimizer updates completed in the run
     */
    record ResumePoint(int completedEpochs, long trainBatchesSeen, long updatesCompleted) {}
}
