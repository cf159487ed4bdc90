package io.trainstream.consumers.dashboard;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.RunEndStatus;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class DashboardFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void feedReadsTheTopicFromTheBeginningSkipsACorruptRecordAndKeepsUp(EmbeddedKafkaBroker broker) throws Exception {
        String topic = "dashboard-events-" + UUID.randomUUID();
        createTopic(broker.bootstrapServers(), topic);
        DashboardState state = new DashboardState();
        TestEvents run = new TestEvents("run-feed");
        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            send(producer, topic, run.runStart("from kafka"));
            send(producer, topic, run.trainStep(0.5));
            producer.send(new ProducerRecord<>(topic, "run-feed", new byte[] {1, 2, 3})).get();
            send(producer, topic, run.trainStep(0.25));

            try (DashboardFeed testSubject = new DashboardFeed(state, broker.bootstrapServers(), topic, Map.of()).start()) {
                await(() -> state.run("run-feed").map(d -> d.run().trainSteps() == 2).orElse(false));
                send(producer, topic, run.runEnd(RunEndStatus.COMPLETED, null));
                await(() -> state.run("run-feed").map(d -> d.run().status() == RunStatus.COMPLETED).orElse(false));

                assertThat(testSubject.undecodableRecords()).isEqualTo(1);
                assertThat(state.metrics("run-feed").orElseThrow().trainLoss().loss()).containsExactly(0.5, 0.25);
                assertThat(state.run("run-feed").orElseThrow().run().name()).isEqualTo("from kafka");
            }
        }
    }

    @Test
    void eventsReachTheStreamAtAThousandPerSecondAndTheLatencyIsReported(EmbeddedKafkaBroker broker) throws Exception {
        String topic = "dashboard-latency-" + UUID.randomUUID();
        createTopic(broker.bootstrapServers(), topic);
        DashboardState state = new DashboardState();
        TestEvents run = new TestEvents("run-latency");
        int steps = 2000;
        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
             DashboardFeed feed = new DashboardFeed(state, broker.bootstrapServers(), topic, Map.of()).start();
             DashboardServer server = DashboardServer.builder(state).optPort(0).build().start();
             DashboardLatencyProbe probe = DashboardLatencyProbe.open(server.url(), run.runId())) {
            send(producer, topic, run.runStart("latency"));
            await(() -> state.run(run.runId()).isPresent());
            sendPaced(producer, topic, run, 1000);
            // warm-up: the feed has applied them (the probe may have subscribed after the first ones, which then
            // came in its snapshot rather than as updates); the measured part below needs every update
            await(() -> state.metrics(run.runId()).map(m -> m.trainLoss().steps().length == 1000).orElse(false));
            Thread.sleep(500);
            probe.reset();

            sendPaced(producer, topic, run, steps);

            assertThat(probe.awaitItems(steps, WAIT)).as("every event reached the stream").isTrue();
            DashboardLatencyProbe.Summary summary = probe.summary();
            System.out.println("Dashboard latency at ~1000 events/s, event raised -> SSE received: " + summary);
            assertThat(summary.items()).isEqualTo(steps);
            assertThat(summary.p50Ms()).isLessThan(1000);
            assertThat(state.metrics(run.runId()).orElseThrow().trainLoss().steps()).hasSize(1000 + steps);
        }
    }

    /** Sends {@code count} train steps at one per millisecond (parking, not spinning, between sends). */
    private static void sendPaced(KafkaProducer<String, byte[]> producer, String topic, TestEvents run, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            producer.send(record(topic, run.trainStep(1.0 / (i + 1))));
            long wait = start + (i + 1) * 1_000_000L - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        producer.flush();
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(String topic, TrainerEvent event) {
        return new ProducerRecord<>(topic, event.getRunId(), EventCodec.encode(event));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, TrainerEvent event) throws Exception {
        producer.send(record(topic, event)).get();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
