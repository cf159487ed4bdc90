package io.trainstream.consumers.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The next expected seq of each run. Starts from what the sink holds durably, so duplicates are
 * recognised across restarts too. Not thread-safe (runner thread only).
 */
final class SeqTracker {

    /** What to do with an event. */
    enum Verdict { NEW, GAP, DUPLICATE }

    private final Map<String, Long> next = new HashMap<>();
    private final Map<Integer, Set<String>> runsByPartition = new HashMap<>();
    private final ToLongFunction<String> durableSeq;
    private long lastMissing;

    SeqTracker(ToLongFunction<String> durableSeq) {
        this.durableSeq = durableSeq;
    }

    Verdict check(String runId, long seq, int partition) {
        Long expected = next.get(runId);
        if (expected == null) {
            expected = durableSeq.applyAsLong(runId) + 1;
            runsByPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(runId);
        }
        if (seq < expected) {
            next.put(runId, expected);
            return Verdict.DUPLICATE;
        }
        next.put(runId, seq + 1);
        lastMissing = seq - expected;
        return lastMissing > 0 ? Verdict.GAP : Verdict.NEW;
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
    }
}
