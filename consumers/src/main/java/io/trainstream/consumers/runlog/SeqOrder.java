package io.trainstream.consumers.runlog;

import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, record by record, whether a run's event can be handed over in seq order without keeping
 * earlier events: the next seq expected, and the seq ranges skipped so far (one entry per gap, so the
 * memory is bounded by the number of gaps, not by the run's length). Not thread-safe.
 */
final class SeqOrder {

    /** What to do with a record's seq. */
    enum Verdict { NEXT, DUPLICATE, LATE }

    private final TreeMap<Long, Long> missing = new TreeMap<>();
    private long next;
    private long missingCount;

    /**
     * @param seq the record's seq
     * @return {@link Verdict#NEXT} (hand it over; seqs it skipped are remembered as missing),
     *     {@link Verdict#DUPLICATE} (already handed over) or {@link Verdict#LATE} (a missing seq turning up)
     */
    Verdict accept(long seq) {
        if (seq >= next) {
            if (seq > next) {
                missing.put(next, seq);
                missingCount += seq - next;
            }
            next = seq + 1;
            return Verdict.NEXT;
        }
        Map.Entry<Long, Long> gap = missing.floorEntry(seq);
        if (gap == null || seq >= gap.getValue()) {
            return Verdict.DUPLICATE;
        }
        // [start, end) loses seq: split it in two
        missing.remove(gap.getKey());
        if (gap.getKey() < seq) {
            missing.put(gap.getKey(), seq);
        }
        if (seq + 1 < gap.getValue()) {
            missing.put(seq + 1, gap.getValue());
        }
        missingCount--;
        return Verdict.LATE;
    }

    /** @return the highest seq handed over, or -1 */
    long lastSeq() {
        return next - 1;
    }

    /** @return seqs below the highest handed over that have not appeared at all */
    long missing() {
        return missingCount;
    }
}
