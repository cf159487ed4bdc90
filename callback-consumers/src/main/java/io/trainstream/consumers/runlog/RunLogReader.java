package io.trainstream.consumers.runlog;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventDecodingException;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads one run's events: looks the run up in the runs index, assigns the one events partition that
 * holds it, seeks to the run's {@code first_offset} and reads to its {@code last_offset} (or, for a
 * run without one, such as a running or crashed run, to the partition's end at the time of the call).
 * Only records keyed by the run id are kept; they are decoded with {@link EventCodec} and returned in
 * seq order, one per seq. The rest of the topic is never read.
 *
 * <p>If the summary's {@code last_seq} has not been seen at {@code last_offset} (a summary written
 * before its last events were acknowledged), reading goes on to the partition end.
 *
 * <p>Each call opens and closes its own consumer; instances are immutable and thread-safe.
 */
public final class RunLogReader {

    private static final Logger LOG = LoggerFactory.getLogger(RunLogReader.class);

    private final KafkaReadSettings settings;
    private final String runsTopic;

    /**
     * @param settings where to read and the timeout
     * @param runsTopic the compacted runs topic that indexes the runs, e.g. {@code trainstream.runs}
     */
    public RunLogReader(KafkaReadSettings settings, String runsTopic) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runsTopic = Objects.requireNonNull(runsTopic, "runsTopic");
    }

    /**
     * @param runId the run to read
     * @return the run's events in seq order
     * @throws UnknownRunException when the runs index does not know the run
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public RunLog read(String runId) {
        Objects.requireNonNull(runId, "runId");
        RunSummary summary = RunsIndex.load(settings, runsTopic).get(runId);
        return read(summary);
    }

    /**
     * Reads the run a summary points at, without loading the runs index.
     *
     * @param summary the run's summary (events topic, partition, first and last offset)
     * @return the run's events in seq order
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public RunLog read(RunSummary summary) {
        Objects.requireNonNull(summary, "summary");
        try (LogConsumer consumer = new LogConsumer(settings)) {
            return read(consumer, summary);
        }
    }

    /**
     * Finds a run without the runs index: reads every partition of the events topic from its beginning
     * to its current end and keeps the records keyed by the run id. For a run the index does not know
     * (its summary was lost or corrupted); costs a read of the whole topic.
     *
     * @param eventsTopic the events topic
     * @param runId the run to find
     * @return the run's events in seq order, with a summary made from them (status UNKNOWN, the
     *     partition and offsets where they were found); empty when no record of the run is on the topic
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public java.util.Optional<RunLog> scan(String eventsTopic, String runId) {
        Objects.requireNonNull(eventsTopic, "eventsTopic");
        Objects.requireNonNull(runId, "runId");
        try (LogConsumer consumer = new LogConsumer(settings)) {
            List<TopicPartition> partitions = consumer.partitions(eventsTopic);
            if (partitions.isEmpty()) {
                return java.util.Optional.empty();
            }
            Map<TopicPartition, long[]> found = new java.util.HashMap<>();
            consumer.read(consumer.beginningOffsets(partitions), consumer.endOffsets(partitions), record -> {
                if (runId.equals(record.key())) {
                    long[] range = found.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                            tp -> new long[] {record.offset(), record.offset()});
                    range[1] = record.offset();
                }
            });
            if (found.isEmpty()) {
                return java.util.Optional.empty();
            }
            // a run's records share one partition (they are keyed by the run id); take the one with most if not
            Map.Entry<TopicPartition, long[]> where = found.entrySet().stream()
                    .max(java.util.Comparator.comparingLong(e -> e.getValue()[1] - e.getValue()[0])).orElseThrow();
            RunSummary summary = RunSummary.newBuilder().setRunId(runId).setRunName(null)
                    .setStatus(io.trainstream.schemas.avro.RunStatus.UNKNOWN).setKind(io.trainstream.schemas.avro.RunKind.UNKNOWN)
                    .setStartTime(java.time.Instant.EPOCH).setHost("").setConfig(Map.of()).setEpochsCompleted(0).setGlobalStep(0)
                    .setEventsTopic(eventsTopic).setPartition(where.getKey().partition()).setFirstOffset(where.getValue()[0])
                    .setLastOffset(where.getValue()[1]).setLastSeq(null).setUpdatedTime(java.time.Instant.now()).build();
            return java.util.Optional.of(read(consumer, summary));
        }
    }

    private RunLog read(LogConsumer consumer, RunSummary summary) {
        String runId = summary.getRunId();
        TopicPartition tp = new TopicPartition(summary.getEventsTopic(), summary.getPartition());
        long end = consumer.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
        long first = Math.max(summary.getFirstOffset(), consumer.beginningOffsets(List.of(tp)).getOrDefault(tp, 0L));
        Long lastOffset = summary.getLastOffset();
        long stop = lastOffset == null ? end : Math.min(end, lastOffset + 1);

        Collector collector = new Collector(runId);
        consumer.read(Map.of(tp, first), Map.of(tp, stop), collector::accept);
        Long lastSeq = summary.getLastSeq();
        if (stop < end && lastSeq != null && collector.maxSeq() < lastSeq) {
            LOG.debug("run {}: seq {} not seen by offset {}, reading on to {}", runId, lastSeq, lastOffset, end);
            consumer.read(Map.of(tp, stop), Map.of(tp, end), collector::accept);
        }
        return collector.toRunLog(summary);
    }

    /** Keeps one run's decodable records by seq. */
    private static final class Collector {
        private final String runId;
        private final TreeMap<Long, TrainerEvent> bySeq = new TreeMap<>();
        private int undecodable;

        Collector(String runId) {
            this.runId = runId;
        }

        void accept(ConsumerRecord<String, byte[]> record) {
            if (!runId.equals(record.key())) {
                return;
            }
            if (record.value() == null) {
                undecodable++;
                LOG.warn("run {}: skipping a record without value at {}-{}@{}", runId, record.topic(), record.partition(),
                        record.offset());
                return;
            }
            try {
                TrainerEvent event = EventCodec.decode(record.value());
                bySeq.putIfAbsent(event.getSeq(), event);
            } catch (EventDecodingException e) {
                undecodable++;
                LOG.warn("run {}: skipping undecodable record at {}-{}@{}: {}", runId, record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }

        long maxSeq() {
            return bySeq.isEmpty() ? -1 : bySeq.lastKey();
        }

        RunLog toRunLog(RunSummary summary) {
            long missing = bySeq.isEmpty() ? 0 : bySeq.lastKey() + 1 - bySeq.size();
            List<RunEvent> events = new ArrayList<>(bySeq.size());
            int unfit = 0;
            for (TrainerEvent wire : bySeq.values()) {
                try {
                    AvroEvents.fromAvro(wire).ifPresent(events::add);
                } catch (IllegalArgumentException e) {
                    unfit++;
                    LOG.warn("run {}: skipping seq {}: {}", runId, wire.getSeq(), e.getMessage());
                }
            }
            return new RunLog(summary, events, undecodable + unfit, missing);
        }
    }
}
