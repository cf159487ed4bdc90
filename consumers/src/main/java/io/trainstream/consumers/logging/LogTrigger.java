package io.trainstream.consumers.logging;

import java.util.Objects;

/**
 * What a set of logged metrics belongs to: the run, and the epoch-end event that triggered the
 * logging ({@code train_epoch_end} or {@code eval_epoch_end}).
 *
 * @param runId the run id
 * @param runName the run's name from its start event, or null when it has none
 * @param epoch the 1-based epoch of the triggering event
 * @param event the triggering event's name: {@code train_epoch_end} or {@code eval_epoch_end}
 * @param seq the triggering event's seq: with the run id, an idempotency key for external loggers
 */
public record LogTrigger(String runId, String runName, int epoch, String event, long seq) {

    /** Checks the required fields. */
    public LogTrigger {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(event, "event");
    }

    /** @return the name when there is one, else the id: what the console shows */
    public String displayName() {
        return runName == null || runName.isBlank() ? runId : runName;
    }
}
