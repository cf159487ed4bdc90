package io.trainstream.trainer.kafka;

import java.util.Map;

/**
 * What a {@link KafkaEventPublisher} has delivered so far.
 *
 * @param published events handed to {@code publish}
 * @param delivered events acknowledged by the broker
 * @param failed events that will never be delivered: rejected by Kafka as too large, not encodable, or
 *     published after close (each was passed to the {@link DeliveryFailureHandler})
 * @param pending events neither acknowledged nor failed yet: queued or kept in the outbox; at close they
 *     stay in the outbox, and the next publisher on the same outbox directory delivers them
 * @param summariesWritten run summaries acknowledged on the runs topic
 * @param summaryFailures run summaries that were not written
 * @param lostSeqs per run id, the seq numbers of the failed events, e.g. {@code "41, 57-120"}
 * @param lastError the latest failure, described, or null
 * @param recovered events a predecessor left in the outbox that this publisher took over (counted in
 *     {@code delivered}/{@code pending}, not in {@code published})
 * @param spilled events written to the outbox while the broker was unreachable (not sent at once)
 * @param drained events sent from the outbox after an outage or a restart (duplicates of events the
 *     broker had already taken included: consumers dedupe on run id and seq)
 * @param outboxDir the outbox directory, or null without one
 */
public record DeliveryReport(long published, long delivered, long failed, long pending, long summariesWritten,
        long summaryFailures, Map<String, String> lostSeqs, String lastError, long recovered, long spilled, long drained,
        String outboxDir) {

    /** Copies the map. */
    public DeliveryReport {
        lostSeqs = Map.copyOf(lostSeqs);
    }

    /** @return true when every published event and every run summary was delivered */
    public boolean allDelivered() {
        return failed == 0 && pending == 0 && summaryFailures == 0;
    }

    /** @return one line for people: counts, and which seqs of which run were lost */
    public String message() {
        StringBuilder text = new StringBuilder();
        text.append(delivered).append(" of ").append(published + recovered).append(" events delivered");
        if (recovered > 0) {
            text.append(" (").append(recovered).append(" left by an earlier publisher)");
        }
        if (spilled > 0 || drained > 0) {
            text.append(", ").append(spilled).append(" spilled to the outbox, ").append(drained).append(" drained");
        }
        if (failed > 0) {
            text.append(", ").append(failed).append(" LOST");
        }
        if (pending > 0) {
            text.append(", ").append(pending).append(" still pending");
            if (outboxDir != null) {
                text.append(" (kept in outbox ").append(outboxDir).append(")");
            }
        }
        if (summaryFailures > 0) {
            text.append(", ").append(summaryFailures).append(" run summaries not written");
        }
        lostSeqs.forEach((run, seqs) -> text.append("; run ").append(run).append(" lost seq ").append(seqs));
        if (lastError != null && !allDelivered()) {
            text.append("; last error: ").append(lastError);
        }
        return text.toString();
    }
}
