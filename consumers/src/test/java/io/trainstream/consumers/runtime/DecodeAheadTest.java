package io.trainstream.consumers.runtime;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DecodeAhead}: chunks in order per partition, bad records as outcomes, decoding by whichever thread gets there. */
class DecodeAheadTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    @Test
    void aPollIsDecodedInOrderPerPartitionWithBadRecordsAsOutcomesInTheirPlace() {
        List<TrainerEvent> run = SyntheticRun.events("run-d", 12, 100);
        assertThat(run.size()).isGreaterThan(2 * DecodeAhead.CHUNK);
        ConsumerRecords<byte[], byte[]> poll = poll(run, 300);

        try (DecodeAhead testSubject = new DecodeAhead("test", true)) {
            DecodeAhead.Poll submitted = testSubject.submit(poll);

            assertThat(submitted.partitions()).containsExactly(P0, P1);
            List<Long> seqs = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            List<RecordDecoder.Outcome> bad = new ArrayList<>();
            for (DecodeAhead.Chunk chunk : submitted.chunks(P0)) {
                assertThat(chunk.records.size()).isLessThanOrEqualTo(DecodeAhead.CHUNK);
                RecordDecoder.Outcome[] outcomes = chunk.outcomes();
                for (int i = 0; i < outcomes.length; i++) {
                    offsets.add(chunk.records.get(i).offset());
                    if (outcomes[i] instanceof RecordDecoder.Decoded decoded) {
                        seqs.add(decoded.seq());
                    } else {
                        bad.add(outcomes[i]);
                    }
                }
            }
            assertThat(seqs).containsExactlyElementsOf(run.stream().map(TrainerEvent::getSeq).toList());
            assertThat(offsets).isSorted().hasSize(run.size() + 1);
            assertThat(bad).singleElement().isInstanceOf(RecordDecoder.Undecodable.class)
                    .extracting(o -> ((RecordDecoder.Undecodable) o).reason()).isEqualTo("NOT_SINGLE_OBJECT");
            assertThat(submitted.chunks(P1)).singleElement()
                    .satisfies(c -> assertThat(c.outcomes()).singleElement().isInstanceOf(RecordDecoder.Undecodable.class));
        }
    }

    @Test
    void chunksTheDecoderThreadNeverStartedAreDecodedOnTheCallingThreadAndItsThreadEndsOnClose() {
        List<TrainerEvent> run = SyntheticRun.events("run-e", 2, 200);
        DecodeAhead testSubject = new DecodeAhead("closing", true);
        DecodeAhead.Poll submitted = testSubject.submit(poll(run, -1));

        testSubject.close(); // drops what the decoder thread had queued

        // the executor reports termination just before its thread returns: give that last step a bound
        String name = DecodeAhead.THREAD_PREFIX + "closing";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                joinQuietly(t);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(name) && t.isAlive());
        long decoded = 0;
        for (DecodeAhead.Chunk chunk : submitted.chunks(P0)) {
            for (RecordDecoder.Outcome outcome : chunk.outcomes()) {
                assertThat(outcome).isInstanceOf(RecordDecoder.Decoded.class);
                decoded++;
            }
        }
        assertThat(decoded).isEqualTo(run.size());
    }

    @Test
    void withoutDecodingAheadNoThreadStartsAndTheCallingThreadDecodes() {
        List<TrainerEvent> run = SyntheticRun.events("run-g", 1, 50);
        try (DecodeAhead testSubject = new DecodeAhead("inline", false)) {
            DecodeAhead.Poll submitted = testSubject.submit(poll(run, -1));

            assertThat(testSubject.ahead()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(DecodeAhead.THREAD_PREFIX + "inline"));
            assertThat(submitted.chunks(P0)).flatExtracting(c -> List.of(c.outcomes()))
                    .extracting(o -> ((RecordDecoder.Decoded) o).seq())
                    .containsExactlyElementsOf(run.stream().map(TrainerEvent::getSeq).toList());
        }
    }

    @Test
    void droppedPartitionsAreNoLongerHandledNorReportedAsWaiting() {
        try (DecodeAhead testSubject = new DecodeAhead("drop", true)) {
            DecodeAhead.Poll submitted = testSubject.submit(poll(SyntheticRun.events("run-f", 1, 5), 3));
            assertThat(submitted.firstOffset(P0)).hasValue(100);
            assertThat(submitted.firstOffset(P1)).hasValue(7);

            submitted.drop(List.of(P0));

            assertThat(submitted.partitions()).containsExactly(P1);
            assertThat(submitted.firstOffset(P0)).isEmpty();
            assertThat(submitted.firstOffset(P1)).hasValue(7);
        }
    }

    /** Partition 0: the run from offset 100 with a 3-byte record after index {@code badAt} (none when -1); partition 1: one null value. */
    private static ConsumerRecords<byte[], byte[]> poll(List<TrainerEvent> run, int badAt) {
        List<ConsumerRecord<byte[], byte[]>> p0 = new ArrayList<>();
        long offset = 100;
        for (int i = 0; i < run.size(); i++) {
            p0.add(record(P0, offset++, EventCodec.encode(run.get(i))));
            if (i == badAt) {
                p0.add(record(P0, offset++, new byte[] {1, 2, 3}));
            }
        }
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        byPartition.put(P0, p0);
        if (badAt >= 0) {
            byPartition.put(P1, List.of(record(P1, 7, null)));
        }
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "run".getBytes(StandardCharsets.UTF_8), value);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
