package io.trainstream.consumers.runtime;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumerRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void handsEveryEventOnceInRunOrderSkipsDuplicatesAndReportsGaps() {
        String topic = KafkaTestSupport.newTopic("runner-order", 3);
        List<TrainerEvent> a = SyntheticRun.events("run-a", 2, 3);
        List<TrainerEvent> b = SyntheticRun.events("run-b", 2, 3);
        List<TrainerEvent> stream = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                stream.add(a.get(i));
            }
            if (i < b.size() && i != 10) {
                stream.add(b.get(i));          // run-b loses seq 10: a gap
            }
            if (i == 5) {
                stream.add(a.get(3));          // a redelivered event: a duplicate
            }
        }
        KafkaTestSupport.produce(topic, stream);
        RecordingSink sink = new RecordingSink();
        try (ConsumerRunner testSubject = new ConsumerRunner(sink, KafkaTestSupport.config(topic).build()).start()) {
            await("all events", () -> sink.handled.size() == a.size() + b.size() - 1, WAIT);
            await("lag 0", () -> testSubject.stats().lag() == 0, WAIT);
            ConsumerStats stats = testSubject.stats();
            assertThat(stats.processed()).isEqualTo(a.size() + b.size() - 1);
            assertThat(stats.duplicatesSkipped()).isEqualTo(1);
            assertThat(stats.gaps()).isEqualTo(1);
            assertThat(stats.missingEvents()).isEqualTo(1);
            assertThat(stats.deadLettered()).isZero();
            assertThat(stats.state()).isEqualTo(ConsumerStats.State.RUNNING);
            assertThat(testSubject.groupId()).isEqualTo(topic + ".recording");
        }
        assertThat(seqs(sink, "run-a")).containsExactlyElementsOf(range(0, a.size(), -1));
        assertThat(seqs(sink, "run-b")).containsExactlyElementsOf(range(0, b.size(), 10));
        assertThat(sink.handled).allMatch(e -> e.status() == ReplayStatus.LIVE);
        assertThat(sink.flushes).isPositive();
    }

    @Test
    void deadLettersCorruptAndUnknownSchemaRecordsAndProcessesWhatFollows() {
        String topic = KafkaTestSupport.newTopic("runner-dlq", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-poison", 2, 2);
        byte[] random = new byte[64];
        new Random(3).nextBytes(random);
        byte[] unknownSchema = EventCodec.encode(run.get(5)).clone();
        // keep the single-object header, change the fingerprint: a schema this reader never saw
        ByteBuffer.wrap(unknownSchema, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            if (i == 4) {
                records.add(Map.entry("run-poison", random));
            }
            if (i == 9) {
                records.add(Map.entry("run-poison", unknownSchema));
            }
            records.add(Map.entry("run-poison", EventCodec.encode(run.get(i))));
        }
        KafkaTestSupport.produceRaw(topic, records);
        RecordingSink sink = new RecordingSink();
        try (ConsumerRunner testSubject = new ConsumerRunner(sink, KafkaTestSupport.config(topic).build()).start()) {
            await("all valid events", () -> sink.handled.size() == run.size(), WAIT);
            assertThat(testSubject.stats().deadLettered()).isEqualTo(2);
            assertThat(testSubject.stats().gaps()).isZero();
        }
        assertThat(seqs(sink, "run-poison")).containsExactlyElementsOf(range(0, run.size(), -1));

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.readAll(topic + ".dlq", 2, WAIT);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo(random);
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("4");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(dead.get(1).value()).isEqualTo(unknownSchema);
        assertThat(header(dead.get(1), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("10");
        assertThat(header(dead.get(1), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_SCHEMA");
        assertThat(header(dead.get(1), DeadLetterHeaders.ERROR)).contains("0123456789abcdef");
        assertThat(new String(dead.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("run-poison");
    }

    @Test
    void aRestartedRunnerOfTheSameGroupStartsAfterTheLastCommittedEvent() {
        String topic = KafkaTestSupport.newTopic("runner-restart", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-r", 1, 2);
        KafkaTestSupport.produce(topic, run.subList(0, 10));
        RecordingSink first = new RecordingSink();
        try (ConsumerRunner testSubject = new ConsumerRunner(first, KafkaTestSupport.config(topic).build()).start()) {
            await("first half", () -> first.handled.size() == 10, WAIT);
        }
        KafkaTestSupport.produce(topic, run.subList(10, run.size()));
        RecordingSink second = new RecordingSink();
        try (ConsumerRunner testSubject = new ConsumerRunner(second, KafkaTestSupport.config(topic).build()).start()) {
            await("second half", () -> second.handled.size() == run.size() - 10, WAIT);
            // the new runner met run-r first at seq 10 and the sink holds nothing: reported as a gap of 10
            assertThat(testSubject.stats().missingEvents()).isEqualTo(10);
        }
        assertThat(seqs(second, "run-r")).containsExactlyElementsOf(range(10, run.size(), -1));
    }

    @Test
    void aSinkFailureStopsTheRunnerAndCommitsOnlyWhatWasHandledBeforeIt() {
        String topic = KafkaTestSupport.newTopic("runner-fail", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-f", 1, 2);
        KafkaTestSupport.produce(topic, run);
        RecordingSink failing = new RecordingSink() {
            @Override
            public void handle(ConsumedEvent event) {
                if (event.seq() == 7) {
                    throw new IllegalStateException("disk full");
                }
                super.handle(event);
            }
        };
        ConsumerRunner testSubject = new ConsumerRunner(failing, KafkaTestSupport.config(topic).build()).start();
        assertThat(testSubject.awaitTermination(WAIT)).isTrue();
        assertThat(testSubject.stats().state()).isEqualTo(ConsumerStats.State.FAILED);
        assertThat(testSubject.failure()).get().isInstanceOf(SinkFailedException.class);
        assertThat(seqs(failing, "run-f")).containsExactlyElementsOf(range(0, 7, -1));

        RecordingSink next = new RecordingSink();
        try (ConsumerRunner restarted = new ConsumerRunner(next, KafkaTestSupport.config(topic).build()).start()) {
            await("the rest", () -> next.handled.size() == run.size() - 7, WAIT);
        }
        assertThat(seqs(next, "run-f").get(0)).isEqualTo(7L);
    }

    private static List<Long> seqs(RecordingSink sink, String runId) {
        return sink.handled.stream().filter(e -> e.runId().equals(runId)).map(ConsumedEvent::seq).toList();
    }

    private static List<Long> range(int from, int to, int except) {
        List<Long> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i != except) {
                out.add((long) i);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static String hex(byte[] bytes) {
        return Arrays.toString(bytes);
    }
}
