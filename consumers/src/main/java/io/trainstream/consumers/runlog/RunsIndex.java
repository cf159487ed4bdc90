package io.trainstream.consumers.runlog;

import io.trainstream.schemas.EventDecodingException;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.text.TerminalText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the compacted runs topic: run id to the latest {@link RunSummary}, read from the
 * beginning of each partition to its end offset at the time of {@link #load}. A null value (tombstone)
 * removes a run; a record that does not decode is skipped, logged and counted; so is a summary whose
 * body names another run than its key (a corrupted or misdirected record must not hide the real run
 * or pose as one).
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class RunsIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RunsIndex.class);

    private final String runsTopic;
    private final Map<String, RunSummary> runs;
    private final int undecodable;
    private final int mismatched;

    private RunsIndex(String runsTopic, Map<String, RunSummary> runs, int undecodable, int mismatched) {
        this.runsTopic = runsTopic;
        this.runs = Collections.unmodifiableMap(runs);
        this.undecodable = undecodable;
        this.mismatched = mismatched;
    }

    /**
     * Reads the runs topic up to its current end. A topic that does not exist yet is an empty index.
     *
     * @param settings where to read and the timeout
     * @param runsTopic the compacted runs topic, e.g. {@code trainstream.runs}
     * @return the index
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public static RunsIndex load(KafkaReadSettings settings, String runsTopic) {
        try (LogConsumer consumer = new LogConsumer(settings)) {
            return load(consumer, runsTopic);
        }
    }

    static RunsIndex load(LogConsumer consumer, String runsTopic) {
        List<TopicPartition> partitions = consumer.partitions(runsTopic);
        Map<String, RunSummary> runs = new LinkedHashMap<>();
        int[] skipped = {0, 0};
        if (!partitions.isEmpty()) {
            Map<TopicPartition, Long> from = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> until = consumer.endOffsets(partitions);
            consumer.read(from, until, record -> apply(record, runs, skipped));
        }
        return new RunsIndex(runsTopic, runs, skipped[0], skipped[1]);
    }

    /** Applies one record; {@code skipped[0]} counts undecodable records, {@code skipped[1]} key/body mismatches. */
    private static void apply(ConsumerRecord<String, byte[]> record, Map<String, RunSummary> runs, int[] skipped) {
        if (record.key() == null) {
            skipped[0]++;
            LOG.warn("skipping a runs-topic record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            runs.remove(record.key());
            return;
        }
        try {
            RunSummary summary = RunSummaryCodec.decode(record.value());
            if (!record.key().equals(summary.getRunId())) {
                skipped[1]++;
                LOG.warn("skipping run summary at {}-{}@{}: its key is run '{}' but its body is run '{}' (a corrupted "
                        + "or misdirected record; the run's events are still on the events topic)", record.topic(),
                        record.partition(), record.offset(), TerminalText.escape(record.key()), TerminalText.escape(summary.getRunId()));
                return;
            }
            runs.put(record.key(), summary);
        } catch (EventDecodingException e) {
            skipped[0]++;
            LOG.warn("skipping run summary {} at {}-{}@{}: {}", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /**
     * @param runId a run id
     * @return its latest summary, if the run is known
     */
    public Optional<RunSummary> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /**
     * @param runId a run id
     * @return its latest summary
     * @throws UnknownRunException when the run is not in the index
     */
    public RunSummary get(String runId) {
        return find(runId).orElseThrow(() -> new UnknownRunException(runId, runsTopic));
    }

    /** @return every run's latest summary, oldest start time first (ties by run id) */
    public List<RunSummary> runs() {
        List<RunSummary> list = new ArrayList<>(runs.values());
        list.sort(Comparator.comparing(RunSummary::getStartTime).thenComparing(RunSummary::getRunId));
        return list;
    }

    /** @return how many runs the index holds */
    public int size() {
        return runs.size();
    }

    /** @return how many records were skipped because they did not decode or had no key */
    public int undecodable() {
        return undecodable;
    }

    /** @return how many summaries were skipped because their body named another run than their key */
    public int mismatched() {
        return mismatched;
    }

    /** @return the topic this index was read from */
    public String runsTopic() {
        return runsTopic;
    }
}
