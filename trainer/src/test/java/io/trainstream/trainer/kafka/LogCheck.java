package io.trainstream.trainer.kafka;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a topic holds, per run, checked the way a deduping consumer reads it: the first occurrence of
 * each (run, seq) in partition order must come as 0, 1, 2, ... with no gap.
 *
 * @param distinct per run, distinct seqs on the topic
 * @param duplicates records that repeat a (run, seq) already on the topic (a deduping consumer skips them)
 * @param outOfOrder first occurrences that did not come as the next seq (a deduping consumer would lose them)
 * @param maxSeq per run, the highest seq
 */
public record LogCheck(Map<String, Long> distinct, long duplicates, long outOfOrder, Map<String, Long> maxSeq) {

    /** @return the check of these records, in the order read (one partition per run keeps run order) */
    public static LogCheck of(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> next = new LinkedHashMap<>();
        Map<String, Long> distinct = new LinkedHashMap<>();
        Map<String, Long> max = new HashMap<>();
        long dups = 0;
        long disorder = 0;
        for (TrainerEvent event : decode(records)) {
            long expected = next.getOrDefault(event.getRunId(), 0L);
            if (event.getSeq() < expected) {
                dups++;
                continue;
            }
            if (event.getSeq() > expected) {
                disorder++;
            }
            next.put(event.getRunId(), event.getSeq() + 1);
            distinct.merge(event.getRunId(), 1L, Long::sum);
            max.merge(event.getRunId(), event.getSeq(), Math::max);
        }
        return new LogCheck(distinct, dups, disorder, max);
    }

    private static List<TrainerEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<TrainerEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            out.add(EventCodec.decode(record.value()));
        }
        return out;
    }

    /** @return per run, the seqs below its highest that are not on the topic */
    public static Map<String, List<Long>> missing(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, java.util.TreeSet<Long>> seen = new LinkedHashMap<>();
        for (TrainerEvent event : decode(records)) {
            seen.computeIfAbsent(event.getRunId(), id -> new java.util.TreeSet<>()).add(event.getSeq());
        }
        Map<String, List<Long>> out = new LinkedHashMap<>();
        seen.forEach((run, seqs) -> {
            List<Long> gaps = new ArrayList<>();
            for (long s = 0; s <= seqs.last() && gaps.size() < 50; s++) {
                if (!seqs.contains(s)) {
                    gaps.add(s);
                }
            }
            out.put(run, gaps);
        });
        return out;
    }

    /** @return distinct events over every run */
    public long totalDistinct() {
        return distinct.values().stream().mapToLong(Long::longValue).sum();
    }
}
