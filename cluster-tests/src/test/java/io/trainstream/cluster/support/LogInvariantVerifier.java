package io.trainstream.cluster.support;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the design's invariant on the raw topics, for given runs: every seq 0..N-1 of a run is on the
 * events topic with exactly one content (a repeat is only ever a byte-identical resend), the first
 * occurrences come in seq order, the last event is {@code run_end}, and the runs index agrees with the
 * log (the run ended, its {@code last_seq} is N-1, its partition and first offset are where the events
 * are). N is the seq of the run's {@code run_end} plus one.
 */
public final class LogInvariantVerifier {

    private static final Set<RunStatus> ENDED = Set.of(RunStatus.COMPLETED, RunStatus.STOPPED);

    private LogInvariantVerifier() {}

    /**
     * One run's figures.
     *
     * @param runId the run
     * @param expected N: events the run published (seq of its run_end + 1)
     * @param delivered distinct seqs on the topic
     * @param duplicated records that repeat a seq already on the topic (byte-identical resends)
     * @param outOfOrder first occurrences that did not come as the next seq
     * @param problems what breaks the invariant, empty when it holds
     */
    public record RunCheck(String runId, long expected, long delivered, long duplicated, long outOfOrder,
            List<String> problems) {}

    /**
     * Every run's figures.
     *
     * @param runs by run id, in the order asked
     */
    public record Report(Map<String, RunCheck> runs) {

        /** @return every problem of every run, prefixed with its run id */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            runs.values().forEach(r -> r.problems().forEach(p -> out.add(r.runId() + ": " + p)));
            return out;
        }

        /** @return the totals as numbers for a report: runs, expected, delivered, duplicated, out_of_order */
        public Map<String, Object> totals() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runs", runs.size());
            out.put("events_expected", runs.values().stream().mapToLong(RunCheck::expected).sum());
            out.put("events_delivered", runs.values().stream().mapToLong(RunCheck::delivered).sum());
            out.put("duplicated", runs.values().stream().mapToLong(RunCheck::duplicated).sum());
            out.put("out_of_order", runs.values().stream().mapToLong(RunCheck::outOfOrder).sum());
            out.put("problems", problems().size());
            return out;
        }
    }

    /**
     * Reads both topics from their start to their current end and checks the runs.
     *
     * @param bootstrapServers the cluster
     * @param clientSettings extra consumer settings (e.g. SASL), may be empty
     * @param eventsTopic the events topic
     * @param runsTopic the runs index topic
     * @param runIds the runs to check
     * @return the figures and problems of each run
     */
    public static Report verify(String bootstrapServers, Map<String, String> clientSettings, String eventsTopic,
            String runsTopic, Collection<String> runIds) {
        List<ConsumerRecord<String, byte[]>> events = readAll(bootstrapServers, clientSettings, eventsTopic);
        Map<String, RunSummary> index = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, clientSettings, runsTopic)) {
            if (record.value() != null) {
                RunSummary summary = RunSummaryCodec.decode(record.value());
                index.put(summary.getRunId(), summary);
            }
        }
        Map<String, RunCheck> runs = new LinkedHashMap<>();
        for (String runId : runIds) {
            runs.put(runId, check(runId, events, index.get(runId)));
        }
        return new Report(runs);
    }

    private static RunCheck check(String runId, List<ConsumerRecord<String, byte[]>> records, RunSummary summary) {
        List<String> problems = new ArrayList<>();
        Map<Long, byte[]> contents = new HashMap<>();
        long next = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long runEndSeq = -1;
        long maxSeq = -1;
        ConsumerRecord<String, byte[]> first = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!runId.equals(record.key())) {
                continue;
            }
            TrainerEvent event = EventCodec.decode(record.value());
            long seq = event.getSeq();
            byte[] seen = contents.putIfAbsent(seq, record.value());
            if (seen != null) {
                duplicated++;
                if (!Arrays.equals(seen, record.value())) {
                    problems.add("seq " + seq + " has two different contents");
                }
                continue;
            }
            if (first == null) {
                first = record;
            }
            if (seq != next) {
                outOfOrder++;
            }
            next = seq + 1;
            maxSeq = Math.max(maxSeq, seq);
            if (event.getType() == EventType.RUN_END) {
                runEndSeq = seq;
            }
        }
        long expected = runEndSeq >= 0 ? runEndSeq + 1 : maxSeq + 1;
        if (runEndSeq < 0) {
            problems.add("no run_end on the topic");
        } else if (runEndSeq != maxSeq) {
            problems.add("run_end is seq " + runEndSeq + " but seq " + maxSeq + " exists");
        }
        for (long s = 0; s < expected; s++) {
            if (!contents.containsKey(s)) {
                problems.add("seq " + s + " is missing" + (problems.size() > 20 ? " (and more)" : ""));
                if (problems.size() > 20) {
                    break;
                }
            }
        }
        if (outOfOrder > 0) {
            problems.add(outOfOrder + " first occurrences out of seq order");
        }
        checkIndex(summary, expected, first, problems);
        return new RunCheck(runId, expected, contents.size(), duplicated, outOfOrder, List.copyOf(problems));
    }

    private static void checkIndex(RunSummary summary, long expected, ConsumerRecord<String, byte[]> first,
            List<String> problems) {
        if (summary == null) {
            problems.add("not in the runs index");
            return;
        }
        if (!ENDED.contains(summary.getStatus())) {
            problems.add("runs index status " + summary.getStatus() + ", not ended");
        }
        if (summary.getLastSeq() != expected - 1) {
            problems.add("runs index last_seq " + summary.getLastSeq() + " but the log ends at " + (expected - 1));
        }
        if (first != null && summary.getPartition() != first.partition()) {
            problems.add("runs index partition " + summary.getPartition() + " but the events are on " + first.partition());
        }
        if (first != null && summary.getFirstOffset() != first.offset()) {
            problems.add("runs index first_offset " + summary.getFirstOffset() + " but seq 0 is at " + first.offset());
        }
    }

    /**
     * Reads a whole topic, every partition from its start to its end at the time of the call.
     *
     * @param bootstrapServers the cluster
     * @param clientSettings extra consumer settings, may be empty
     * @param topic the topic
     * @return its records, partition by partition
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, Map<String, String> clientSettings,
            String topic) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!caughtUp(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            if (!caughtUp(consumer, end)) {
                throw new IllegalStateException("could not read " + topic + " to its end " + end + " within 60 s");
            }
            return records;
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
