package io.trainstream.consumers.runlog;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventDecodingException;
import io.trainstream.schemas.SingleObjectCodec;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.events.AvroEvents;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
 * <p>Each call opens and closes its own consumer; instances are immutable and thread-safe. With
 * {@link KafkaReadSettings#readAhead()}, the consumer polls on a thread of its own, a few polls ahead of
 * the calling thread, and records are decoded on either thread; the visitor is always called on the
 * calling thread, and the reading thread has ended when a call returns or throws.
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
     * Streams one run's events, found through the runs index, to {@code visitor} in seq order without
     * keeping them (see {@link #stream(RunSummary, Consumer)}).
     *
     * @param runId the run to read
     * @param visitor receives each event once, in seq order, on the calling thread
     * @return what was read
     * @throws UnknownRunException when the runs index does not know the run
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public StreamedRun stream(String runId, Consumer<RunEvent> visitor) {
        Objects.requireNonNull(runId, "runId");
        return stream(RunsIndex.load(settings, runsTopic).get(runId), visitor);
    }

    /**
     * Streams the run a summary points at to {@code visitor}, one event at a time as it is decoded:
     * the heap holds one fetch of records, not the run, whatever the run's length. Each seq is handed
     * over once, in seq order; resends are dropped; a record whose seq was skipped earlier (out of
     * order, which the publisher never writes) is dropped and counted as {@linkplain StreamedRun#late late}.
     *
     * @param summary the run's summary (events topic, partition, first and last offset)
     * @param visitor receives each event once, in seq order, on the calling thread
     * @return what was read
     * @throws RunLogUnavailableException when the broker does not answer in time
     */
    public StreamedRun stream(RunSummary summary, Consumer<RunEvent> visitor) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(visitor, "visitor");
        Streamer streamer = new Streamer(summary.getRunId(), visitor);
        try (LogConsumer consumer = new LogConsumer(settings)) {
            readRange(consumer, summary, streamer::accept, streamer.order::lastSeq);
        }
        return new StreamedRun(summary, streamer.handed, streamer.undecodable, streamer.order.missing(),
                streamer.duplicates, streamer.late);
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
        Collector collector = new Collector(summary.getRunId());
        readRange(consumer, summary, collector::accept, collector::maxSeq);
        return collector.toRunLog(summary);
    }

    /** Reads the summary's offset range, and on to the partition end when its last seq was not seen by then. */
    private void readRange(LogConsumer consumer, RunSummary summary, Consumer<Read> sink, LongSupplier maxSeq) {
        TopicPartition tp = new TopicPartition(summary.getEventsTopic(), summary.getPartition());
        long end = consumer.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
        long first = Math.max(summary.getFirstOffset(), consumer.beginningOffsets(List.of(tp)).getOrDefault(tp, 0L));
        Long lastOffset = summary.getLastOffset();
        long stop = lastOffset == null ? end : Math.min(end, lastOffset + 1);
        readAhead(consumer, tp, first, stop, summary.getRunId(), sink);
        Long lastSeq = summary.getLastSeq();
        if (stop < end && lastSeq != null && maxSeq.getAsLong() < lastSeq) {
            LOG.debug("run {}: seq {} not seen by offset {}, reading on to {}", summary.getRunId(), lastSeq, lastOffset, end);
            readAhead(consumer, tp, stop, end, summary.getRunId(), sink);
        }
    }

    /**
     * Reads {@code [from, until)} of one partition: the consumer polls on a thread of its own a few
     * polls ahead, records are decoded on whichever thread has time, and the calling thread hands them
     * over in order (see {@link ReadAhead}).
     */
    private void readAhead(LogConsumer consumer, TopicPartition tp, long from, long until, String runId,
            Consumer<Read> sink) {
        if (from >= until) {
            return;
        }
        if (!settings.readAhead()) {
            SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader();
            consumer.read(Map.of(tp, from), Map.of(tp, until),
                    record -> sink.accept(new Read(record, decodeRunRecord(runId, record, reader))));
            return;
        }
        ReadAhead.<ConsumerRecord<String, byte[]>, Read>drain(ReadAhead.DEFAULT_CAPACITY,
                out -> consumer.readBatches(Map.of(tp, from), Map.of(tp, until), out),
                () -> {
                    SingleObjectCodec.Reader<TrainerEvent> reader = EventCodec.newReader(); // one per thread
                    return record -> new Read(record, decodeRunRecord(runId, record, reader));
                }, sink);
    }

    /**
     * A record and its event.
     *
     * @param record the record as read
     * @param event its event, or null when it is another run's or does not decode (logged)
     */
    private record Read(ConsumerRecord<String, byte[]> record, TrainerEvent event) {}

    /** Decodes one run's records and hands each seq on once, in order, keeping none. */
    private static final class Streamer {
        final SeqOrder order = new SeqOrder();
        private final String runId;
        private final Consumer<RunEvent> visitor;
        long handed;
        int undecodable;
        long duplicates;
        long late;

        Streamer(String runId, Consumer<RunEvent> visitor) {
            this.runId = runId;
            this.visitor = visitor;
        }

        void accept(Read read) {
            TrainerEvent event = read.event();
            ConsumerRecord<String, byte[]> record = read.record();
            if (event == null) {
                undecodable += runId.equals(record.key()) ? 1 : 0;
                return;
            }
            switch (order.accept(event.getSeq())) {
                case NEXT -> {
                    if (typed(runId, event, visitor)) {
                        handed++;
                    } else {
                        undecodable++;
                    }
                }
                case DUPLICATE -> duplicates++;
                case LATE -> {
                    late++;
                    LOG.warn("run {}: seq {} at {}-{}@{} came after later seqs; a stream cannot hand it over in order",
                            runId, event.getSeq(), record.topic(), record.partition(), record.offset());
                }
            }
        }
    }

    /**
     * Hands the typed form of a wire event on; a newer writer's kind has none and is passed over.
     *
     * @return false when the payload does not fit its kind (logged)
     */
    private static boolean typed(String runId, TrainerEvent wire, Consumer<RunEvent> to) {
        try {
            AvroEvents.fromAvro(wire).ifPresent(to);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("run {}: skipping seq {}: {}", runId, wire.getSeq(), e.getMessage());
            return false;
        }
    }

    /** @return the record's event, or null when it is another run's or does not decode (logged) */
    private static TrainerEvent decodeRunRecord(String runId, ConsumerRecord<String, byte[]> record,
            SingleObjectCodec.Reader<TrainerEvent> reader) {
        if (!runId.equals(record.key())) {
            return null;
        }
        if (record.value() == null) {
            LOG.warn("run {}: skipping a record without value at {}-{}@{}", runId, record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        try {
            return reader.decode(record.value());
        } catch (EventDecodingException e) {
            LOG.warn("run {}: skipping undecodable record at {}-{}@{}: {}", runId, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * Keeps one run's decodable records by seq, the first of each seq. Records come in seq order
     * (a list append); only a record out of order moves them into a sorted map.
     */
    private static final class Collector {
        private final String runId;
        private final List<TrainerEvent> inOrder = new ArrayList<>();
        private TreeMap<Long, TrainerEvent> bySeq;
        private int undecodable;

        Collector(String runId) {
            this.runId = runId;
        }

        void accept(Read read) {
            TrainerEvent event = read.event();
            if (event == null) {
                undecodable += runId.equals(read.record().key()) ? 1 : 0;
                return;
            }
            long seq = event.getSeq();
            if (bySeq == null) {
                if (inOrder.isEmpty() || seq > inOrder.get(inOrder.size() - 1).getSeq()) {
                    inOrder.add(event);
                    return;
                }
                if (Collections.binarySearch(inOrder, event, BY_SEQ) >= 0) {
                    return; // a resend of a seq already kept
                }
                bySeq = new TreeMap<>();
                inOrder.forEach(e -> bySeq.put(e.getSeq(), e));
                inOrder.clear();
            }
            bySeq.putIfAbsent(seq, event);
        }

        long maxSeq() {
            if (bySeq != null) {
                return bySeq.isEmpty() ? -1 : bySeq.lastKey();
            }
            return inOrder.isEmpty() ? -1 : inOrder.get(inOrder.size() - 1).getSeq();
        }

        RunLog toRunLog(RunSummary summary) {
            List<TrainerEvent> wires = bySeq == null ? inOrder : new ArrayList<>(bySeq.values());
            long missing = wires.isEmpty() ? 0 : maxSeq() + 1 - wires.size();
            List<RunEvent> events = new ArrayList<>(wires.size());
            int unfit = 0;
            for (TrainerEvent wire : wires) {
                if (!typed(runId, wire, events::add)) {
                    unfit++;
                }
            }
            return new RunLog(summary, events, undecodable + unfit, missing);
        }
    }

    private static final Comparator<TrainerEvent> BY_SEQ = Comparator.comparingLong(TrainerEvent::getSeq);
}
