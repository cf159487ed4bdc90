package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunEnd;
import io.trainstream.schemas.avro.RunStart;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one invariant of the event log, checked on the raw topics: for every run, each seq 0..N-1 is on
 * the events topic with exactly one content (a repeat is only ever a byte-identical resend), the last
 * event is {@code run_end} (or, for a run whose process died, the runs index says CRASHED), and the
 * latest summary on the runs topic agrees with the log: status, epochs, last seq, watched metric's last
 * and best value, and where the run's first event lies (partition and offset). The one verifier of the
 * project: the trainer's, the CLI's and the cluster tests all use it.
 *
 * @param runs per run, what was found
 */
public record LogInvariant(Map<String, RunCheck> runs) {

    /**
     * What one run's records show.
     *
     * @param expected N, the highest seq + 1
     * @param delivered distinct seqs on the topic
     * @param duplicated records repeating a seq with identical bytes
     * @param conflicting seqs with two different contents
     * @param outOfOrder first occurrences that did not come as the next seq in partition order
     * @param indexStatus the status the runs index gives the run, null when it is not in the index
     * @param problems every disagreement, as sentences; empty when the invariant holds
     */
    public record RunCheck(long expected, long delivered, long duplicated, long conflicting, long outOfOrder,
            RunStatus indexStatus, List<String> problems) {

        /** @return e.g. "expected 4706, delivered 4706, duplicated 12, conflicting 0, out of order 0" */
        public String counts() {
            return "expected " + expected + ", delivered " + delivered + ", duplicated " + duplicated + ", conflicting "
                    + conflicting + ", out of order " + outOfOrder;
        }
    }

    /**
     * Reads both topics whole and checks every run on them.
     *
     * @param bootstrapServers the cluster
     * @param eventsTopic the events topic
     * @param runsTopic the runs topic
     * @return the check
     */
    public static LogInvariant read(String bootstrapServers, String eventsTopic, String runsTopic) {
        return read(bootstrapServers, Map.of(), eventsTopic, runsTopic);
    }

    /**
     * Reads both topics whole, as a client with extra settings (e.g. SASL on a secured cluster), and checks
     * every run on them.
     *
     * @param bootstrapServers the cluster
     * @param clientSettings extra consumer settings, may be empty
     * @param eventsTopic the events topic
     * @param runsTopic the runs topic
     * @return the check
     */
    public static LogInvariant read(String bootstrapServers, Map<String, ?> clientSettings, String eventsTopic,
            String runsTopic) {
        return of(TopicReader.readAll(bootstrapServers, clientSettings, eventsTopic),
                TopicReader.readAll(bootstrapServers, clientSettings, runsTopic));
    }

    /**
     * @param events the events topic's records, in partition order
     * @param summaries the runs topic's records, in partition order
     * @return the check of every run found on either topic
     */
    public static LogInvariant of(List<ConsumerRecord<String, byte[]>> events, List<ConsumerRecord<String, byte[]>> summaries) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byRun = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : events) {
            byRun.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        Map<String, RunSummary> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : summaries) {
            if (record.value() != null) {
                RunSummary summary = RunSummaryCodec.decode(record.value());
                if (summary.getRunId().equals(record.key())) {
                    latest.put(record.key(), summary);
                }
            }
        }
        Map<String, RunCheck> runs = new TreeMap<>();
        byRun.forEach((runId, records) -> runs.put(runId, check(runId, records, latest.get(runId))));
        latest.keySet().stream().filter(id -> !byRun.containsKey(id)).forEach(id -> runs.put(id,
                new RunCheck(0, 0, 0, 0, 0, latest.get(id).getStatus(), List.of("run " + id + " is in the runs index but has no event on the topic"))));
        return new LogInvariant(runs);
    }

    private static RunCheck check(String runId, List<ConsumerRecord<String, byte[]>> records, RunSummary summary) {
        List<String> problems = new ArrayList<>();
        Map<Long, byte[]> contents = new TreeMap<>();
        Map<Long, TrainerEvent> bySeq = new TreeMap<>();
        long duplicated = 0;
        long conflicting = 0;
        long outOfOrder = 0;
        long next = 0;
        ConsumerRecord<String, byte[]> first = records.isEmpty() ? null : records.get(0);
        for (ConsumerRecord<String, byte[]> record : records) {
            TrainerEvent event = EventCodec.decode(record.value());
            long seq = event.getSeq();
            byte[] seen = contents.putIfAbsent(seq, record.value());
            if (seen != null) {
                if (Arrays.equals(seen, record.value())) {
                    duplicated++;
                } else {
                    conflicting++;
                    problems.add("seq " + seq + " has two different contents (" + bySeq.get(seq).getType() + ", "
                            + event.getType() + ")");
                }
                continue;
            }
            bySeq.put(seq, event);
            if (seq != next) {
                outOfOrder++;
            }
            next = Math.max(next, seq + 1);
        }
        long expected = bySeq.isEmpty() ? 0 : ((TreeMap<Long, TrainerEvent>) bySeq).lastKey() + 1;
        if (bySeq.size() != expected) {
            problems.add((expected - bySeq.size()) + " seq(s) missing below " + expected);
        }
        if (outOfOrder > 0) {
            problems.add(outOfOrder + " first occurrence(s) out of seq order");
        }
        TrainerEvent last = bySeq.isEmpty() ? null : ((TreeMap<Long, TrainerEvent>) bySeq).lastEntry().getValue();
        checkIndex(runId, bySeq, last, summary, problems);
        if (summary != null && first != null) {
            checkPlacement(summary, first, problems);
        }
        return new RunCheck(expected, bySeq.size(), duplicated, conflicting, outOfOrder,
                summary == null ? null : summary.getStatus(), List.copyOf(problems));
    }

    private static void checkIndex(String runId, Map<Long, TrainerEvent> bySeq, TrainerEvent last, RunSummary summary,
            List<String> problems) {
        if (summary == null) {
            problems.add("run " + runId + " is not in the runs index");
            return;
        }
        boolean ended = last != null && last.getType() == EventType.RUN_END;
        if (!ended && summary.getStatus() != RunStatus.CRASHED) {
            problems.add("the last event is " + (last == null ? "none" : last.getType()) + ", not run_end, and the index says "
                    + summary.getStatus() + " (a run without an end must be CRASHED)");
        }
        if (ended) {
            RunEnd end = (RunEnd) last.getPayload();
            if (!summary.getStatus().name().equals(end.getStatus().name())) {
                problems.add("index status " + summary.getStatus() + " but run_end says " + end.getStatus());
            }
            if (summary.getEpochsCompleted() != end.getEpochsCompleted()) {
                problems.add("index epochs " + summary.getEpochsCompleted() + " but run_end says " + end.getEpochsCompleted());
            }
        }
        long lastSeq = last == null ? -1 : last.getSeq();
        if (summary.getLastSeq() == null || summary.getLastSeq() != lastSeq) {
            problems.add("index last_seq " + summary.getLastSeq() + " but the log's last seq is " + lastSeq);
        }
        checkWatchedMetric(bySeq, summary, problems);
    }

    /** The index says where the run's events begin: a reader of one run seeks there instead of scanning. */
    private static void checkPlacement(RunSummary summary, ConsumerRecord<String, byte[]> first, List<String> problems) {
        if (summary.getPartition() != first.partition()) {
            problems.add("index partition " + summary.getPartition() + " but the events are on " + first.partition());
        }
        if (summary.getFirstOffset() != first.offset()) {
            problems.add("index first_offset " + summary.getFirstOffset() + " but the run's first record is at "
                    + first.offset());
        }
    }

    private static void checkWatchedMetric(Map<Long, TrainerEvent> bySeq, RunSummary summary, List<String> problems) {
        String watched = null;
        boolean greaterIsBetter = false;
        Double lastValue = null;
        Double best = null;
        for (TrainerEvent event : bySeq.values()) {
            if (event.getType() == EventType.RUN_START) {
                RunStart start = (RunStart) event.getPayload();
                watched = start.getWatchMetric();
                greaterIsBetter = start.getGreaterIsBetter();
            } else if (event.getType() == EventType.METRIC_UPDATE && watched != null) {
                MetricUpdate update = (MetricUpdate) event.getPayload();
                if (update.getName().equals(watched)) {
                    lastValue = update.getValue();
                    if (!Double.isNaN(lastValue) && (best == null || (greaterIsBetter ? lastValue > best : lastValue < best))) {
                        best = lastValue;
                    }
                }
            }
        }
        if (!java.util.Objects.equals(lastValue, summary.getWatchMetricLast())) {
            problems.add("index watched metric last " + summary.getWatchMetricLast() + " but the log's is " + lastValue);
        }
        if (!java.util.Objects.equals(best, summary.getWatchMetricBest())) {
            problems.add("index watched metric best " + summary.getWatchMetricBest() + " but the log's is " + best);
        }
    }

    /**
     * @param runIds the runs to keep
     * @return the check of those runs only; fails when one of them is on neither topic
     */
    public LogInvariant only(Collection<String> runIds) {
        Map<String, RunCheck> kept = new LinkedHashMap<>();
        runIds.forEach(id -> kept.put(id, run(id)));
        return new LogInvariant(kept);
    }

    /** @return every problem of every run, each prefixed with its run id */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        runs.forEach((id, check) -> check.problems().forEach(p -> out.add(id + ": " + p)));
        return out;
    }

    /** @return the totals as numbers for a results file: runs, events expected and delivered, duplicates, ... */
    public Map<String, Object> totals() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs.size());
        out.put("events_expected", runs.values().stream().mapToLong(RunCheck::expected).sum());
        out.put("events_delivered", runs.values().stream().mapToLong(RunCheck::delivered).sum());
        out.put("duplicated", runs.values().stream().mapToLong(RunCheck::duplicated).sum());
        out.put("conflicting", runs.values().stream().mapToLong(RunCheck::conflicting).sum());
        out.put("out_of_order", runs.values().stream().mapToLong(RunCheck::outOfOrder).sum());
        out.put("problems", problems().size());
        return out;
    }

    /** @return the run's check; fails when the run is on neither topic */
    public RunCheck run(String runId) {
        assertThat(runs).as("runs on the topics").containsKey(runId);
        return runs.get(runId);
    }

    /**
     * Fails unless the invariant holds and every run ended normally (the index says COMPLETED or STOPPED):
     * what a test of a fault the publisher must ride out expects.
     */
    public void assertEndedNormally() {
        assertHolds();
        Map<String, RunStatus> statuses = new TreeMap<>();
        runs.forEach((id, check) -> statuses.put(id, check.indexStatus()));
        assertThat(statuses).as("runs index status of every run").allSatisfy((id, status) ->
                assertThat(status).as(id).isIn(RunStatus.COMPLETED, RunStatus.STOPPED));
    }

    /** Fails, naming every problem of every run, unless the invariant holds for all of them. */
    public void assertHolds() {
        Map<String, List<String>> problems = new TreeMap<>();
        runs.forEach((id, check) -> {
            if (!check.problems().isEmpty()) {
                problems.put(id + " (" + check.counts() + ")", check.problems());
            }
        });
        assertThat(problems).as("the event log's invariant").isEmpty();
    }
}
