package io.trainstream.trainer.kafka;

import java.util.Map;

/**
 * What a {@link KafkaEventPublisher} has delivered so far.
 *
 * @param published events handed to {@code publish}
 * @param delivered events acknowledged by the broker
 * @param failed events that will not be delivered (each was passed to the {@link DeliveryFailureHandler})
 * @param pending events neither acknowledged nor failed yet
 * @param summariesWritten run summaries acknowledged on the runs topic
 * @param summaryFailures run summaries that were not written
 * @param lostSeqs per run id, the seq numbers of the failed events, e.g. {@code "41, 57-120"}
 * @param lastError the latest failure, described, or null
 */
public record DeliveryReport(long published, long delivered, long failed, long pending, long summariesWritten,
        long summaryFailures, Map<String, String> lostSeqs, String lastError) {

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
        text.append(delivered).append(" of ").append(published).append(" events delivered");
        if (failed > 0) {
            text.append(", ").append(failed).append(" LOST");
        }
        if (pending > 0) {
            text.append(", ").append(pending).append(" still pending");
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
