package io.trainstream.consumers.replay;

import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.RunsIndex;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;

import java.util.Objects;

/**
 * Reads a whole recorded run, also one continued after a crash. A resumed run is written by a new
 * process; today that process keeps the run's own {@code first_offset} in the run summary, so the
 * summary alone says where the run begins. Runs resumed by older versions had a summary starting at
 * the resuming process's first event and recorded the original first offset as the hyperparameter
 * {@value #FIRST_OFFSET_HYPERPARAMETER} instead; for those old runs only (nothing writes it any more)
 * this reader starts there, so the events from before the crash are read too. A run whose summary still
 * says RUNNING (running, or crashed) is read to the partition's end: its summary was written at its
 * start and its last offset is stale. Still only that run's partition range is read.
 */
public final class RecordedRuns {

    /**
     * Hyperparameter of a run resumed by an older version: the offset of the run's first event, before
     * the crash. Read only, for those old runs; nothing writes it any more.
     */
    public static final String FIRST_OFFSET_HYPERPARAMETER = "trainstream.log_first_offset";

    private static final String SUMMARY_KEY = "hp." + FIRST_OFFSET_HYPERPARAMETER;

    private RecordedRuns() {}

    /**
     * @param settings where to read
     * @param runsTopic the runs index topic
     * @param runId the run
     * @return the run's events in seq order, from its very first event
     * @throws io.trainstream.consumers.runlog.UnknownRunException when the index does not know the run
     */
    public static RunLog read(KafkaReadSettings settings, String runsTopic, String runId) {
        Objects.requireNonNull(runId, "runId");
        RunSummary summary = RunsIndex.load(settings, runsTopic).get(runId);
        RunSummary from = fromFirstOffset(summary);
        if (from.getStatus() == RunStatus.RUNNING) {
            from = RunSummary.newBuilder(from).setLastOffset(null).setLastSeq(null).build();
        }
        return new RunLogReader(settings, runsTopic).read(from);
    }

    /**
     * As {@link #read(KafkaReadSettings, String, String)}, and for a run the index does not know (its
     * summary lost, or rejected as corrupt) or whose summary points where none of its events is, says so
     * through {@code notice} and scans the events topic.
     *
     * @param settings where to read
     * @param runsTopic the runs index topic
     * @param eventsTopic the events topic to scan when the index does not know the run
     * @param runId the run
     * @param notice receives one line when the run is not in the index
     * @return the run's events in seq order
     * @throws io.trainstream.consumers.runlog.UnknownRunException when neither the index nor the events topic has the run
     */
    public static RunLog readOrScan(KafkaReadSettings settings, String runsTopic, String eventsTopic, String runId,
            java.util.function.Consumer<String> notice) {
        try {
            RunLog indexed = read(settings, runsTopic, runId);
            if (!indexed.events().isEmpty()) {
                return indexed;
            }
            RunSummary where = indexed.summary();
            notice.accept("the runs index (topic " + runsTopic + ") points run " + runId + " at " + where.getEventsTopic() + "-"
                    + where.getPartition() + " from offset " + where.getFirstOffset() + " but none of its events is there; "
                    + "scanning the events topic " + eventsTopic + " for it");
        } catch (io.trainstream.consumers.runlog.UnknownRunException e) {
            notice.accept("run " + runId + " is not in the runs index (topic " + runsTopic + "); scanning the events topic "
                    + eventsTopic + " for it");
        }
        return new RunLogReader(settings, runsTopic).scan(eventsTopic, runId)
                .orElseThrow(() -> new io.trainstream.consumers.runlog.UnknownRunException(runId, runsTopic, eventsTopic));
    }

    /**
     * @param summary a run's summary
     * @return the summary, with its first offset moved back to the recorded original one when the run was resumed
     */
    public static RunSummary fromFirstOffset(RunSummary summary) {
        String recorded = summary.getConfig() == null ? null : summary.getConfig().get(SUMMARY_KEY);
        if (recorded == null) {
            return summary;
        }
        try {
            long first = Long.parseLong(recorded.trim());
            if (first >= 0 && first < summary.getFirstOffset()) {
                return RunSummary.newBuilder(summary).setFirstOffset(first).build();
            }
        } catch (NumberFormatException e) {
            // not written by a resume: read what the index says
        }
        return summary;
    }
}
