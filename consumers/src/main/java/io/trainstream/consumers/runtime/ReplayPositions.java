package io.trainstream.consumers.runtime;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Where each assigned partition's replay ends (Axon's {@code ReplayToken}: the position at reset), and
 * which partitions have not reached it yet. Records below that offset are {@link ReplayStatus#REPLAY};
 * once a partition's position reaches it the sink is told it {@linkplain EventSink#onCaughtUp caught
 * up}. Runner thread only, except {@link #caughtUp()}.
 */
final class ReplayPositions {

    private final Map<TopicPartition, Long> replayUntil = new HashMap<>();
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    private volatile boolean caughtUp = true;

    /**
     * @param tp an assigned partition
     * @param committed the group's committed offset when it was assigned (0 when none)
     * @param replaying true when the partition is re-read from its beginning
     */
    void assigned(TopicPartition tp, long committed, boolean replaying) {
        if (replaying) {
            replayUntil.put(tp, committed);
        }
        // a partition that is not re-read is caught up at once: the signal still comes, on the next poll
        catchingUp.put(tp, replaying ? committed : 0L);
        caughtUp = false;
    }

    boolean isReplay(TopicPartition tp, long offset) {
        return offset < replayEnd(tp);
    }

    /** @return the offset below which a partition's records are re-read, or -1 when it is not re-read */
    long replayEnd(TopicPartition tp) {
        return replayUntil.getOrDefault(tp, -1L);
    }

    void forget(TopicPartition tp) {
        replayUntil.remove(tp);
        catchingUp.remove(tp);
        caughtUp = catchingUp.isEmpty();
    }

    /**
     * @param position the consumer's position of a partition, empty while unknown
     * @return the partitions that reached their replay end since the last call
     */
    List<TopicPartition> reached(Function<TopicPartition, OptionalLong> position) {
        if (catchingUp.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> reached = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> entry : catchingUp.entrySet()) {
            OptionalLong at = position.apply(entry.getKey());
            if (at.isPresent() && at.getAsLong() >= entry.getValue()) {
                reached.add(entry.getKey());
            }
        }
        reached.forEach(catchingUp::remove);
        caughtUp = catchingUp.isEmpty();
        return reached;
    }

    /** @return true when no assigned partition is still being re-read (thread-safe) */
    boolean caughtUp() {
        return caughtUp;
    }
}
