package io.trainstream.trainer.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The sequence numbers of undelivered events, per run, kept as merged ranges. Thread-safe. */
final class LostEvents {

    private final Map<String, TreeMap<Long, Long>> ranges = new LinkedHashMap<>();

    synchronized void add(String runId, long seq) {
        TreeMap<Long, Long> run = ranges.computeIfAbsent(runId, id -> new TreeMap<>());
        Map.Entry<Long, Long> below = run.floorEntry(seq);
        if (below != null && below.getValue() >= seq) {
            return;
        }
        long start = seq;
        long end = seq;
        if (below != null && below.getValue() == seq - 1) {
            start = below.getKey();
        }
        Long aboveEnd = run.remove(seq + 1);
        if (aboveEnd != null) {
            end = aboveEnd;
        }
        run.put(start, end);
    }

    /** @return per run, its lost seqs as {@code "3, 7-12"} */
    synchronized Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        ranges.forEach((run, seqs) -> {
            StringBuilder text = new StringBuilder();
            seqs.forEach((start, end) -> {
                if (text.length() > 0) {
                    text.append(", ");
                }
                text.append(start);
                if (!end.equals(start)) {
                    text.append('-').append(end);
                }
            });
            out.put(run, text.toString());
        });
        return out;
    }
}
