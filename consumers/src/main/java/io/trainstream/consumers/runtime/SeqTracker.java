package io.trainstream.consumers.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The next expected seq of each run. Starts from what the sink holds durably, so duplicates are
 * recognised across restarts too. Not thread-safe (runner thread only).
 *
 * <p>A run's events arrive one after another, so the last run looked up is kept at hand: most events
 * cost a string comparison and a field update instead of a hash lookup and a boxed {@code Long}.
 */
final class SeqTracker {

    /** What to do with an event. */
    enum Verdict { NEW, GAP, DUPLICATE }

    /** One run's next expected seq (mutable, so an event updates it in place). */
    private static final class NextSeq {
        long value;

        NextSeq(long value) {
            this.value = value;
        }
    }

    private final Map<String, NextSeq> next = new HashMap<>();
    private final Map<Integer, Set<String>> runsByPartition = new HashMap<>();
    private final ToLongFunction<String> durableSeq;
    private String lastRunId;
    private NextSeq lastRun;
    private long lastMissing;

    SeqTracker(ToLongFunction<String> durableSeq) {
        this.durableSeq = durableSeq;
    }

    Verdict check(String runId, long seq, int partition) {
        NextSeq expected = lastRun != null && runId.equals(lastRunId) ? lastRun : lookUp(runId, partition);
        if (seq < expected.value) {
            return Verdict.DUPLICATE;
        }
        lastMissing = seq - expected.value;
        expected.value = seq + 1;
        return lastMissing > 0 ? Verdict.GAP : Verdict.NEW;
    }

    private NextSeq lookUp(String runId, int partition) {
        NextSeq expected = next.get(runId);
        if (expected == null) {
            expected = new NextSeq(durableSeq.applyAsLong(runId) + 1);
            next.put(runId, expected);
            runsByPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(runId);
        }
        lastRunId = runId;
        lastRun = expected;
        return expected;
    }

    /** @return events skipped by the last {@link Verdict#GAP} */
    long lastMissing() {
        return lastMissing;
    }

    /** @return the seq expected last before the last {@link Verdict#GAP} */
    long expectedBefore(long seq) {
        return seq - lastMissing;
    }

    /** Forgets the runs of a partition that moved to another consumer: its sink may have moved on. */
    void forgetPartition(int partition) {
        Set<String> runs = runsByPartition.remove(partition);
        if (runs != null) {
            runs.forEach(next::remove);
        }
        lastRunId = null;
        lastRun = null;
    }
}
