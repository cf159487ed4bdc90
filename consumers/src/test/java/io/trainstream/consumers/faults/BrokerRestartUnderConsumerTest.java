package io.trainstream.consumers.faults;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.consumers.logging.LoggingConsumer;
import io.trainstream.consumers.runtime.ConsumedEvent;
import io.trainstream.consumers.runtime.ConsumerRunner;
import io.trainstream.consumers.runtime.ConsumerStats;
import io.trainstream.consumers.runtime.KafkaTestSupport;
import io.trainstream.consumers.runtime.RunnerConfig;
import io.trainstream.consumers.runtime.SyntheticRun;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (d): the broker is stopped and restarted (same port, same data) while a {@link ConsumerRunner}
 * with a file sink is in the middle of reading a run. The runner carries on by itself and its output
 * is complete and without duplicates: line for line what the sink writes when driven directly. The
 * test runs its own broker, so stopping it touches no other test.
 */
class BrokerRestartUnderConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long OUTAGE_MS = 3_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRunnerReadingThroughABrokerRestartWritesEveryLineOnce(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        List<TrainerEvent> events = new ArrayList<>(SyntheticRun.events("run-r1", 4, 8));
        events.addAll(SyntheticRun.events("run-r2", 3, 6));
        int firstPart = events.size() / 2;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path reference = dir.resolve("reference");
        try (LoggingConsumer direct = new LoggingConsumer(reference, "logging", quiet)) {
            KafkaTestSupport.driveDirectly(direct, events);
        }

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            String topic = "restart-under-consumer";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(broker.bootstrapServers(), topic, events.subList(0, firstPart));

            Path out = dir.resolve("out");
            GatedSink sink = new GatedSink(out, quiet, firstPart / 2);
            RunnerConfig config = RunnerConfig.builder(broker.bootstrapServers()).optTopic(topic)
                    .optDeadLetterTopic(topic + ".dlq").optGroupPrefix(topic + ".")
                    .addClientOverride("max.poll.records", "5")
                    .addClientOverride("reconnect.backoff.max.ms", "200").build();
            try (ConsumerRunner runner = new ConsumerRunner(sink, config).start()) {
                assertThat(sink.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("the runner reached the middle of the first part").isTrue();
                long processedAtStop = runner.stats().processed();
                broker.stop();
                sink.release.countDown();
                Thread.sleep(OUTAGE_MS);
                broker.start();
                assertThat(runner.stats().state()).as("the runner outlived the outage: " + runner.failure())
                        .isEqualTo(ConsumerStats.State.RUNNING);
                produce(broker.bootstrapServers(), topic, events.subList(firstPart, events.size()));
                KafkaTestSupport.await("the runner caught up after the restart (" + events.size() + " events)",
                        () -> runner.stats().processed() >= events.size() && runner.stats().lag() == 0, WAIT);
                runner.close();
                ConsumerStats stats = runner.stats();
                assertThat(runner.failure()).isEmpty();
                assertThat(processedAtStop).as("the broker stopped mid-stream").isLessThan(firstPart);
                assertThat(stats.gaps()).isZero();
                assertThat(stats.missingEvents()).isZero();
                assertThat(stats.deadLettered()).isZero();
                List<String> expected = Files.readAllLines(reference.resolve("logging.jsonl"));
                List<String> actual = Files.readAllLines(out.resolve("logging.jsonl"));
                assertThat(actual).as("output lines: none missing, none twice, in order").hasSize(expected.size())
                        .containsExactlyElementsOf(expected);
                System.out.println("[reliability] broker-restart-under-consumer {\"published\":" + events.size()
                        + ",\"processed_at_stop\":" + processedAtStop + ",\"outage_ms\":" + OUTAGE_MS
                        + ",\"processed\":" + stats.processed() + ",\"duplicates_skipped\":" + stats.duplicatesSkipped()
                        + ",\"lines\":" + actual.size() + ",\"expected_lines\":" + expected.size()
                        + ",\"test_ms\":" + (System.nanoTime() - began) / 1_000_000 + "}");
            }
        }
    }

    private static void produce(String servers, String topic, List<TrainerEvent> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (TrainerEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.getRunId(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    /**
     * The logging sink, holding the runner at one event until the test has stopped the broker, so the
     * outage always falls in the middle of the stream, with records fetched, handled and not committed.
     */
    private static final class GatedSink extends LoggingConsumer {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final int gateAt;
        private int handled;

        GatedSink(Path dir, PrintStream console, int gateAt) {
            super(dir, "logging", console);
            this.gateAt = gateAt;
        }

        @Override
        public void handle(ConsumedEvent event) {
            super.handle(event);
            if (++handled == gateAt) {
                reached.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
