package io.trainstream.trainer;

import java.util.HashMap;
import java.util.Map;

/** How a run ended, for its {@code run_end} event: completed, stopped early, or failed. */
final class RunOutcome {

    private String status = "COMPLETED";
    private String reason;

    void stop(StopTrainingException e) {
        status = "STOPPED";
        reason = e.reason();
    }

    void fail(Throwable e) {
        status = "FAILED";
        reason = e.getClass().getName() + ": " + e.getMessage();
    }

    Map<String, Object> payload(Trainer trainer) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("status", status);
        payload.put("reason", reason);
        payload.put("epochs_completed", (long) trainer.runHistory().currentEpoch() - 1);
        payload.put("global_step", trainer.globalStep());
        return payload;
    }
}
