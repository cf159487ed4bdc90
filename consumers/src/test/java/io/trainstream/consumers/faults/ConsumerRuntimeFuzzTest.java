package io.trainstream.consumers.faults;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.consumers.runtime.EventSink;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzz test of the consumer runtime: random byte strings and mutated encodings of real events
 * (a corrupted header or fingerprint, a truncated body, empty and null values) are mixed into a
 * topic among valid events. The runner does not crash or stall; every valid event, those after the
 * garbage included, reaches the sink once and in order; every garbage record is counted and lands
 * in the dead-letter topic. The seed is fixed, so a failure replays exactly.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumerRuntimeFuzzTest {

    private static final long SEED = 20261128L;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void garbageAmongValidEventsIsDeadLetteredAndEveryValidEventIsProcessed() {
        Random random = new Random(SEED);
        List<TrainerEvent> valid = SyntheticRun.events("run-fuzz", 4, 8);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        int garbage = 0;
        for (TrainerEvent event : valid) {
            byte[] encoded = EventCodec.encode(event);
            while (random.nextInt(3) == 0) {
                records.add(new AbstractMap.SimpleEntry<>(event.getRunId(), garbage(random, encoded)));
                garbage++;
            }
            records.add(new AbstractMap.SimpleEntry<>(event.getRunId(), encoded));
        }
        for (int i = 0; i < 5; i++) {
            // garbage after the last valid event too
            records.add(new AbstractMap.SimpleEntry<>("run-fuzz", garbage(random, EventCodec.encode(valid.get(0)))));
            garbage++;
        }
        String topic = KafkaTestSupport.newTopic("fuzz", 1);
        KafkaTestSupport.produceRaw(topic, records);

        Collecting sink = new Collecting();
        int expectedGarbage = garbage;
        try (ConsumerRunner runner = new ConsumerRunner(sink, KafkaTestSupport.config(topic)
                .addClientOverride("max.poll.records", "17").build()).start()) {
            KafkaTestSupport.await("every record read (" + records.size() + ")",
                    () -> runner.stats().processed() >= valid.size()
                            && runner.stats().deadLettered() >= expectedGarbage && runner.stats().lag() == 0, WAIT);
            runner.close();
            ConsumerStats stats = runner.stats();
            assertThat(runner.failure()).isEmpty();
            assertThat(stats.processed()).isEqualTo(valid.size());
            assertThat(stats.deadLettered()).isEqualTo(garbage);
            assertThat(stats.gaps()).isZero();
            assertThat(stats.duplicatesSkipped()).isZero();
        }
        assertThat(sink.seqs).as("every valid event once, in order").hasSize(valid.size());
        for (int i = 0; i < valid.size(); i++) {
            assertThat(sink.seqs.get(i)).isEqualTo(valid.get(i).getSeq());
        }
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.readAll(topic + ".dlq", garbage, WAIT);
        assertThat(dead).as("garbage records in the dead-letter topic").hasSize(garbage);
        System.out.println("[reliability] consumer-fuzz {\"seed\":" + SEED + ",\"valid\":" + valid.size()
                + ",\"garbage\":" + garbage + ",\"processed\":" + sink.seqs.size() + ",\"dead_lettered\":" + dead.size() + "}");
    }

    /** One garbage value: random bytes, a corrupted header, a truncated encoding, empty, or null. */
    private static byte[] garbage(Random random, byte[] encoded) {
        switch (random.nextInt(6)) {
            case 0: {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1: {
                // the single-object header (C3 01 + 8-byte schema fingerprint) with one byte changed
                byte[] bytes = encoded.clone();
                int at = random.nextInt(Math.min(10, bytes.length));
                bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255)));
                return bytes;
            }
            case 2: {
                // a strict prefix: the body ends in the middle of a field
                int length = 1 + random.nextInt(encoded.length - 1);
                byte[] bytes = new byte[length];
                System.arraycopy(encoded, 0, bytes, 0, length);
                return bytes;
            }
            case 3: {
                // a valid header followed by random bytes
                byte[] bytes = new byte[10 + 1 + random.nextInt(200)];
                System.arraycopy(encoded, 0, bytes, 0, 10);
                byte[] tail = new byte[bytes.length - 10];
                random.nextBytes(tail);
                tail[0] = (byte) 0xFF;
                System.arraycopy(tail, 0, bytes, 10, tail.length);
                return bytes;
            }
            case 4:
                return new byte[0];
            default:
                return null;
        }
    }

    /** Remembers the seqs it is handed. */
    private static final class Collecting implements EventSink {
        final List<Long> seqs = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "fuzz";
        }

        @Override
        public boolean supportsReplay() {
            return true;
        }

        @Override
        public void handle(ConsumedEvent event) {
            seqs.add(event.seq());
        }

        @Override
        public void flush() {
        }
    }
}
