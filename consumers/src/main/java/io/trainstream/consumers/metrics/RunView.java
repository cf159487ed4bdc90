package io.trainstream.consumers.metrics;

import io.trainstream.schemas.avro.RunStatus;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of one run as the metrics consumer sees it: safe to hand to any thread (a
 * dashboard, the scrape endpoint).
 *
 * @param runId the run id
 * @param runName its name from the start event, or null
 * @param status {@code RUNNING} until its end event, then {@code COMPLETED}, {@code STOPPED} or {@code FAILED}
 * @param epoch the history's current epoch (1-based)
 * @param globalStep optimizer updates done, from the latest event
 * @param lastSeq the seq of the latest event handled
 * @param latest each metric's latest value, in the order metrics first appeared
 */
public record RunView(String runId, String runName, RunStatus status, int epoch, long globalStep, long lastSeq,
        Map<String, Double> latest) {

    /** Checks and copies. */
    public RunView {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        latest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latest));
    }
}
