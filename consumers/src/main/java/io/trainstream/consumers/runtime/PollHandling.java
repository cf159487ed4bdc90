package io.trainstream.consumers.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.function.BooleanSupplier;

/**
 * Handles a decoded poll on the runner thread, partition by partition in the poll's order: dead-letters
 * what did not decode, dispatches the rest to the sink (through dedupe), and records the offset to
 * commit after what was handled. Runner thread only.
 */
final class PollHandling {

    private final RecordDecoder decoder;
    private final EventDispatcher dispatcher;
    private final ReplayPositions replay;
    private final OffsetCommits commits;
    private final BooleanSupplier aborted;

    PollHandling(RecordDecoder decoder, EventDispatcher dispatcher, ReplayPositions replay, OffsetCommits commits,
            BooleanSupplier aborted) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.replay = replay;
        this.commits = commits;
        this.aborted = aborted;
    }

    /**
     * Handles the records of the poll's partitions that were not dropped in a rebalance since.
     *
     * @return false when the runner was aborted meanwhile
     */
    boolean handle(DecodeAhead.Poll poll) {
        for (TopicPartition tp : poll.partitions()) {
            if (!process(tp, poll)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Handles one partition's records of a poll. The partition, its replay end and the offset to commit
     * are looked up and stored once per batch, not per record (they were a fifth of the loop's time).
     *
     * @return false when the runner was aborted meanwhile
     */
    private boolean process(TopicPartition tp, DecodeAhead.Poll poll) {
        long replayUntil = replay.replayEnd(tp);
        long next = -1;
        try {
            for (DecodeAhead.Chunk chunk : poll.chunks(tp)) {
                RecordDecoder.Outcome[] outcomes = chunk.outcomes();
                for (int i = 0; i < outcomes.length; i++) {
                    if (aborted.getAsBoolean()) {
                        return false;
                    }
                    next = handle(tp, chunk.records.get(i), outcomes[i], replayUntil, next);
                }
            }
        } finally {
            // also when the sink threw: what was handled before the failure may be committed
            if (next >= 0) {
                commits.handled(tp, next);
            }
        }
        return true;
    }

    /** @return the offset to commit after this record: its next, or {@code next} unchanged for a replayed one */
    private long handle(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, RecordDecoder.Outcome outcome,
            long replayUntil, long next) {
        boolean replayed = record.offset() < replayUntil;
        RecordDecoder.Decoded decoded = decoder.accept(record, outcome);
        if (decoded != null && decoded.event() != null) {
            dispatcher.dispatch(new ConsumedEvent(decoded.event(), tp.topic(), tp.partition(), record.offset(),
                    replayed ? ReplayStatus.REPLAY : ReplayStatus.LIVE));
        } else if (decoded != null) {
            // a newer writer's kind: no sink reads it, but its seq counts, so the next event is no gap
            dispatcher.passOver(decoded.runId(), decoded.seq(), tp.partition());
        }
        // replayed records lie below the committed offset: committing them would move it back
        return replayed ? next : record.offset() + 1;
    }

}
