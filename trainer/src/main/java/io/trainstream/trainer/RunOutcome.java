package io.trainstream.trainer;

import java.util.HashMap;
import java.util.Map;

/** How a run ended, for its {@code run_end} event: completed, stopped early, interrupted or failed. */
final class RunOutcome {

    private String status = "COMPLETED";
    private String reason;
    private int epochsDone;

    void stop(StopTrainingException e) {
        status = "STOPPED";
        reason = e.reason();
    }

    void interrupt(TrainingInterruptedException e) {
        status = "INTERRUPTED";
        reason = e.getMessage();
    }

    /** Notes that an epoch's training and evaluation are done (its run-epoch end is about to be raised). */
    void epochDone(int epoch) {
        epochsDone = Math.max(epochsDone, epoch);
    }

    void fail(Throwable e) {
        status = "FAILED";
        reason = e.getClass().getName() + ": " + e.getMessage();
    }

    Map<String, Object> payload(Trainer trainer) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("status", status);
        payload.put("reason", reason);
        // an epoch whose run-epoch end stopped the run (early stopping) was trained all the same
        payload.put("epochs_completed", (long) Math.max(trainer.runHistory().currentEpoch() - 1, epochsDone));
        payload.put("global_step", trainer.globalStep());
        return payload;
    }
}
