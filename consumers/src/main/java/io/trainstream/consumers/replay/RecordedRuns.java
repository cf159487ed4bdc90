package io.trainstream.consumers.replay;

import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.consumers.runlog.RunLog;
import io.trainstream.consumers.runlog.RunLogReader;
import io.trainstream.consumers.runlog.RunsIndex;
import io.trainstream.consumers.runlog.StreamedRun;
import io.trainstream.consumers.runlog.UnknownRunException;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a whole recorded run, also one continued after a crash. A resumed run is written by a new
 * process; today that process keeps the run's own {@code first_offset} in the run summary, so the
 * summary alone says where the run begins. Runs resumed by older versions had a summary starting at
 * the resuming process's first event and recorded the original first offset as the hyperparameter
 * {@value #FIRST_OFFSET_HYPERPARAMETER} instead; for those old runs only (nothing writes it any more)
 * this reader starts there, so the events from before the crash are read too. A run whose summary still
 * says RUNNING (running, or crashed) is read to the partition's end: its summary was written at its
 * start and its last offset is stale. Still only that run's partition range is read.
 *
 * <p>{@code read} collects the run into a list; {@code stream} hands its events over one at a time and
 * keeps none, so the heap it needs does not grow with the run's length (what {@code replay} uses).
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
        return new RunLogReader(settings, runsTopic).read(whereToRead(RunsIndex.load(settings, runsTopic).get(runId)));
    }

    /**
     * Streams the run a summary from the runs index points at, from its very first event (see the class
     * comment), to {@code visitor} in seq order, keeping none ({@link RunLogReader#stream(RunSummary, Consumer)}).
     *
     * @param settings where to read
     * @param summary the run's summary as the runs index holds it
     * @param visitor receives each event once, in seq order, on the calling thread
     * @return what was read; its summary is the range actually read, to stream the same run again
     */
    public static StreamedRun stream(KafkaReadSettings settings, RunSummary summary, Consumer<RunEvent> visitor) {
        Objects.requireNonNull(summary, "summary");
        // the runs topic is only read by lookups by run id, which this is not
        return new RunLogReader(settings, "unused").stream(whereToRead(summary), visitor);
    }

    /**
     * As {@link #readOrScan}, streaming: a run the index knows is streamed to {@code visitor} one event
     * at a time and kept nowhere. A run it does not know (or whose summary points where none of its
     * events is) is found by a scan of the events topic that still collects the run before handing its
     * events over, as {@link RunLogReader#scan} does; that fallback is for lost summaries only.
     *
     * @param settings where to read
     * @param runsTopic the runs index topic
     * @param eventsTopic the events topic to scan when the index does not know the run
     * @param runId the run
     * @param notice receives one line when the run is not in the index
     * @param visitor receives each event once, in seq order, on the calling thread, from one source only
     * @return what was read; its summary is the range read, to stream the same run again
     * @throws UnknownRunException when neither the index nor the events topic has the run
     */
    public static StreamedRun streamOrScan(KafkaReadSettings settings, String runsTopic, String eventsTopic, String runId,
            Consumer<String> notice, Consumer<RunEvent> visitor) {
        Objects.requireNonNull(runId, "runId");
        try {
            StreamedRun indexed = stream(settings, RunsIndex.load(settings, runsTopic).get(runId), visitor);
            if (indexed.events() > 0) {
                return indexed;
            }
            // nothing reached the visitor: it can take the scan's events instead
            notice.accept(nothingWhere(runsTopic, eventsTopic, runId, indexed.summary()));
        } catch (UnknownRunException e) {
            notice.accept(notIndexed(runsTopic, eventsTopic, runId));
        }
        RunLog scanned = new RunLogReader(settings, runsTopic).scan(eventsTopic, runId)
                .orElseThrow(() -> new UnknownRunException(runId, runsTopic, eventsTopic));
        scanned.events().forEach(visitor);
        return new StreamedRun(scanned.summary(), scanned.events().size(), scanned.undecodable(), scanned.missingSeqs(), 0, 0);
    }

    private static RunSummary whereToRead(RunSummary summary) {
        RunSummary from = fromFirstOffset(summary);
        if (from.getStatus() == RunStatus.RUNNING) {
            from = RunSummary.newBuilder(from).setLastOffset(null).setLastSeq(null).build();
        }
        return from;
    }

    private static String nothingWhere(String runsTopic, String eventsTopic, String runId, RunSummary where) {
        return "the runs index (topic " + runsTopic + ") points run " + runId + " at " + where.getEventsTopic() + "-"
                + where.getPartition() + " from offset " + where.getFirstOffset() + " but none of its events is there; "
                + "scanning the events topic " + eventsTopic + " for it";
    }

    private static String notIndexed(String runsTopic, String eventsTopic, String runId) {
        return "run " + runId + " is not in the runs index (topic " + runsTopic + "); scanning the events topic "
                + eventsTopic + " for it";
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
            Consumer<String> notice) {
        try {
            RunLog indexed = read(settings, runsTopic, runId);
            if (!indexed.events().isEmpty()) {
                return indexed;
            }
            notice.accept(nothingWhere(runsTopic, eventsTopic, runId, indexed.summary()));
        } catch (UnknownRunException e) {
            notice.accept(notIndexed(runsTopic, eventsTopic, runId));
        }
        return new RunLogReader(settings, runsTopic).scan(eventsTopic, runId)
                .orElseThrow(() -> new UnknownRunException(runId, runsTopic, eventsTopic));
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
