package io.trainstream.trainer;

import io.trainstream.events.EventBody;
import io.trainstream.schemas.avro.RunEndStatus;

/** How a run ended, for its {@code run_end} event: completed, stopped early, interrupted or failed. */
final class RunOutcome {

    private RunEndStatus status = RunEndStatus.COMPLETED;
    private String reason;
    private int epochsDone;

    void stop(StopTrainingException e) {
        status = RunEndStatus.STOPPED;
        reason = e.reason();
    }

    void interrupt(TrainingInterruptedException e) {
        status = RunEndStatus.INTERRUPTED;
        reason = e.getMessage();
    }

    /** Notes that an epoch's training and evaluation are done (its run-epoch end is about to be raised). */
    void epochDone(int epoch) {
        epochsDone = Math.max(epochsDone, epoch);
    }

    void fail(Throwable e) {
        status = RunEndStatus.FAILED;
        reason = e.getClass().getName() + ": " + e.getMessage();
    }

    EventBody.RunEnd runEnd(Trainer trainer) {
        // an epoch whose run-epoch end stopped the run (early stopping) was trained all the same
        return new EventBody.RunEnd(status, reason, Math.max(trainer.runHistory().currentEpoch() - 1, epochsDone),
                trainer.globalStep());
    }
}
