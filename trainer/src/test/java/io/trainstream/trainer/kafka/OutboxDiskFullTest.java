package io.trainstream.trainer.kafka;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.trainer.outbox.FullPolicy;
import io.trainstream.trainer.outbox.OutboxFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The outbox on a real, small, full file system (a 1 MiB tmpfs; skipped where this process may not
 * mount one) while Kafka is healthy. BLOCK: training waits, and once space is freed it goes on and the
 * log holds every event. FAIL: training stops with one line naming the disk, and the report names the
 * events that were never written instead of claiming the outbox keeps them.
 */
class OutboxDiskFullTest {

    private static final String FILLER = "filler";
    private Path mount;

    @BeforeAll
    static void guardAgainstBrokerHalts() {
        KafkaHaltGuard.install();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            Process umount = new ProcessBuilder("umount", mount.toString()).inheritIO().start();
            if (!umount.waitFor(10, TimeUnit.SECONDS) || umount.exitValue() != 0) {
                // still busy: detach it so the temporary directory can go
                new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void withBlockTrainingWaitsForSpaceAndThenEveryEventReachesTheLog(@TempDir Path dir) throws Exception {
        Path outbox = smallDisk(dir);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers()).optOutboxDir(outbox)
                    .optQueueCapacity(256).optFlushTimeout(Duration.ofSeconds(20)).build();
            TopicSetup.ensureTopics(config, Duration.ofSeconds(30));
            fill(outbox);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            DeliveryReport report;
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
                Thread training = new Thread(() -> {
                    try {
                        TrainingScenario.run(publisher, 40, 1_000, 32 * 20);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "training");
                training.start();
                long stuckAt = awaitStuck(publisher, training);
                assertThat(training.isAlive()).as("training waits while the disk is full").isTrue();
                Files.delete(outbox.resolve(FILLER));
                training.join(90_000);
                assertThat(training.isAlive()).as("training went on once space was freed").isFalse();
                assertThat(failure.get()).isNull();
                assertThat(publisher.flush(Duration.ofSeconds(30))).as(publisher.deliveryReport().message()).isTrue();
                report = publisher.deliveryReport();
                assertThat(report.published()).isGreaterThan(stuckAt);
            }
            LogInvariant log = LogInvariant.read(broker.bootstrapServers(), config.eventsTopic(), config.runsTopic());
            log.assertHolds();
            LogInvariant.RunCheck run = log.runs().values().iterator().next();
            assertThat(run.delivered()).isEqualTo(report.published());
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("expected", run.expected());
            numbers.put("delivered", run.delivered());
            numbers.put("duplicated", run.duplicated());
            numbers.put("out_of_order", run.outOfOrder());
            ReliabilityResults.write("outbox-disk-full-block", numbers);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withFailTrainingStopsNamingTheDiskAndTheReportNamesWhatWasNotWritten(@TempDir Path dir) throws Exception {
        Path outbox = smallDisk(dir);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers()).optOutboxDir(outbox)
                    .optOutboxFullPolicy(FullPolicy.FAIL).optFlushTimeout(Duration.ofSeconds(3)).build();
            TopicSetup.ensureTopics(config, Duration.ofSeconds(30));
            fill(outbox);
            Throwable thrown = null;
            DeliveryReport report;
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
                try {
                    TrainingScenario.run(publisher, 50, 1_000, 32 * 20);
                } catch (OutboxFullException e) {
                    thrown = e;
                }
                publisher.close();
                report = publisher.deliveryReport();
            }
            assertThat(thrown).as("training stopped").isNotNull();
            assertThat(thrown.getMessage()).contains("bytes free", outbox.toString()).doesNotContain("\n");
            assertThat(report.message()).doesNotContain("kept in outbox");
            LogInvariant log = LogInvariant.read(broker.bootstrapServers(), config.eventsTopic(), config.runsTopic());
            long onTopic = log.runs().values().stream().mapToLong(LogInvariant.RunCheck::delivered).sum();
            assertThat(report.delivered() + report.failed())
                    .as("every published event is either on the topic or named as lost: " + report.message())
                    .isEqualTo(report.published());
            assertThat(onTopic).isEqualTo(report.delivered());
        }
    }

    private Path smallDisk(Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("small-disk"));
        Process mountProcess = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mountProcess.waitFor(10, TimeUnit.SECONDS) && mountProcess.exitValue() == 0;
        assumeTrue(mounted, "this process may not mount a tmpfs (needs root)");
        mount = target;
        return target;
    }

    /** Leaves ~8 KiB free: the outbox's lock, marker and first frames fit, a segment's worth does not. */
    private static void fill(Path outbox) throws IOException {
        long free = Files.getFileStore(outbox).getUsableSpace();
        Files.write(outbox.resolve(FILLER), new byte[(int) Math.max(0, free - 8 * 1024)]);
    }

    private static long awaitStuck(KafkaEventPublisher publisher, Thread training) throws InterruptedException {
        long last = -1;
        long sameSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && training.isAlive()) {
            long published = publisher.deliveryReport().published();
            if (published != last) {
                last = published;
                sameSince = System.nanoTime();
            } else if (System.nanoTime() - sameSince > TimeUnit.SECONDS.toNanos(2)) {
                return published;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("training never waited on the full disk (published " + last + ")");
    }
}
