package io.trainstream.trainer.kafka;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.schemas.avro.RunStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log keeps every event when ordinary things change: the broker comes back on another port, the
 * next command names it {@code localhost} instead of {@code 127.0.0.1}, the trainer gets SIGTERM. Each
 * case ends with the log invariant checked on the raw topics ({@link LogInvariant}).
 */
class OrdinaryChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void guardAgainstBrokerHalts() {
        KafkaHaltGuard.install();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void leftoversOfATrainerKilledDuringAnOutageReachTheBrokerRestartedOnANewPortNamedLocalhost(@TempDir Path dir)
            throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        Path outboxDir = dir.resolve("outbox");
        EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(kafkaDir).build()).start();
        String firstAddress = first.bootstrapServers();
        KafkaPublisherConfig firstConfig = KafkaPublisherConfig.builder(firstAddress).optOutboxDir(outboxDir).build();
        TopicSetup.ensureTopics(firstConfig, Duration.ofSeconds(30));

        Process child = TrainerKilledTest.startChild(firstAddress, outboxDir);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = TrainerKilledTest.pipe(child, lines);
        String runId;
        try {
            runId = TrainerKilledTest.awaitLine(lines, "RUN ", child).substring(4);
            TrainerKilledTest.awaitLine(lines, "EPOCH 3", child);
            first.close();
            // the trainer goes on into its outbox while Kafka is away, then dies without a word
            TrainerKilledTest.awaitLine(lines, "EPOCH 6", child);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
        }

        try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(kafkaDir).build()).start()) {
            String localhost = second.bootstrapServers().replace("127.0.0.1", "localhost");
            assertThat(localhost).as("a new address for the same cluster").isNotEqualTo(firstAddress).startsWith("localhost:");
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(localhost).optOutboxDir(outboxDir).build();
            DeliveryReport report;
            try (KafkaEventPublisher next = new KafkaEventPublisher(config)) {
                assertThat(next.flush(WAIT)).as("the leftovers drain: " + next.deliveryReport().message()).isTrue();
                report = next.deliveryReport();
            }
            assertThat(report.recovered()).as("the dead trainer left events in its outbox").isPositive();

            LogInvariant log = LogInvariant.read(second.bootstrapServers(), config.eventsTopic(), config.runsTopic());
            log.assertHolds();
            LogInvariant.RunCheck run = log.run(runId);
            assertThat(run.expected()).isGreaterThan(report.recovered());
            assertThat(lastStatus(second.bootstrapServers(), config, runId)).isEqualTo(RunStatus.CRASHED);
            try (Stream<Path> logs = Files.list(outboxDir)) {
                assertThat(logs.map(p -> p.getFileName().toString()))
                        .as("one outbox directory per cluster, not per address")
                        .allMatch(name -> name.contains("cluster-"));
            }
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("expected", run.expected());
            numbers.put("delivered", run.delivered());
            numbers.put("duplicated", run.duplicated());
            numbers.put("conflicting", run.conflicting());
            numbers.put("out_of_order", run.outOfOrder());
            numbers.put("left_in_outbox", report.recovered());
            ReliabilityResults.write("new-port-localhost", numbers);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermEndsTheRunWithAnInterruptedRunEndAndEveryEventOnTheLog(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            Path outboxDir = dir.resolve("outbox");
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                    .optOutboxDir(outboxDir).build();
            TopicSetup.ensureTopics(config, Duration.ofSeconds(30));
            Process child = TrainerKilledTest.startChild(broker.bootstrapServers(), outboxDir, "interruptible");
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = TrainerKilledTest.pipe(child, lines);
            String runId = TrainerKilledTest.awaitLine(lines, "RUN ", child).substring(4);
            TrainerKilledTest.awaitLine(lines, "EPOCH 2", child);
            child.destroy();
            assertThat(child.waitFor(40, TimeUnit.SECONDS)).as("the trainer exits after SIGTERM").isTrue();
            reader.join(5_000);
            assertThat(child.exitValue()).as("exit status of SIGTERM").isEqualTo(143);

            LogInvariant log = LogInvariant.read(broker.bootstrapServers(), config.eventsTopic(), config.runsTopic());
            log.assertHolds();
            assertThat(lastStatus(broker.bootstrapServers(), config, runId)).isEqualTo(RunStatus.INTERRUPTED);
            LogInvariant.RunCheck run = log.run(runId);
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("expected", run.expected());
            numbers.put("delivered", run.delivered());
            numbers.put("duplicated", run.duplicated());
            numbers.put("out_of_order", run.outOfOrder());
            ReliabilityResults.write("sigterm-interrupted", numbers);
        }
    }

    private static RunStatus lastStatus(String servers, KafkaPublisherConfig config, String runId) {
        RunStatus status = null;
        for (var record : TopicReader.readAll(servers, config.runsTopic())) {
            var summary = io.trainstream.schemas.RunSummaryCodec.decode(record.value());
            if (summary.getRunId().equals(runId)) {
                status = summary.getStatus();
            }
        }
        return status;
    }
}
