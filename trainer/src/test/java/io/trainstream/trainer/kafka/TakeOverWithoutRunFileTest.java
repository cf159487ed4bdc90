package io.trainstream.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.events.EventKind;
import io.trainstream.events.RunEvent;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.trainer.event.EventPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer killed after Kafka took its events but before its outbox recorded any of it: no run file,
 * no acknowledged marker. Its successor resends every entry and must still index the run from the
 * originals, which come first in the partition: the first offset and the last seq the log holds.
 * (CrashedRunTest met this once under load, with the index's first offset and last seq taken from the
 * resent copies.) The kill is made exact here by removing, after a clean delivery, what a sync writes.
 */
class TakeOverWithoutRunFileTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theSuccessorIndexesTheRunFromItsOriginalsNotFromTheResentCopies(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build()).start()) {
            Path outboxDir = dir.resolve("outbox");
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                    .optOutboxDir(outboxDir).build();
            Path snapshot = dir.resolve("outbox-at-death");
            String runId;
            try (KafkaEventPublisher first = new KafkaEventPublisher(config)) {
                // a run that never ends: the trainer "dies" before its run_end
                runId = TrainingScenario.run(new WithoutRunEnd(first), 3, 99, 160).runId();
                assertThat(first.flush(WAIT)).as(first.deliveryReport().message()).isTrue();
                // its entries as written, before a clean close deletes the acknowledged ones
                copyTree(outboxDir, snapshot);
            }
            deleteTree(outboxDir);
            copyTree(snapshot, outboxDir);
            forgetWhatTheSyncsWrote(outboxDir);

            DeliveryReport report;
            try (KafkaEventPublisher next = new KafkaEventPublisher(config)) {
                assertThat(next.flush(WAIT)).as(next.deliveryReport().message()).isTrue();
                report = next.deliveryReport();
            }
            assertThat(report.recovered()).as("every entry looked undelivered").isPositive();

            LogInvariant log = LogInvariant.read(broker.bootstrapServers(), config.eventsTopic(), config.runsTopic());
            log.assertHolds();
            assertThat(log.run(runId).duplicated()).as("the successor resent what was already on the topic")
                    .isEqualTo(report.recovered());
        }
    }

    /**
     * What a trainer killed before its first outbox sync leaves: its entries, and neither the marker of what
     * Kafka acknowledged nor a run file.
     */
    private static void forgetWhatTheSyncsWrote(Path outboxDir) throws IOException {
        List<Path> removed;
        try (Stream<Path> files = Files.walk(outboxDir)) {
            removed = files.filter(p -> p.getFileName().toString().equals("acked")
                    || p.getParent().getFileName().toString().equals("runs")).toList();
        }
        // the marker at least; a run file only if the snapshot caught one
        assertThat(removed).as("the acknowledged marker").anyMatch(p -> p.getFileName().toString().equals("acked"));
        for (Path file : removed) {
            Files.delete(file);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Passes every event on but the run's end. */
    private record WithoutRunEnd(EventPublisher delegate) implements EventPublisher {
        @Override
        public void publish(RunEvent event) {
            if (event.kind() != EventKind.RUN_END) {
                delegate.publish(event);
            }
        }

        @Override
        public boolean flush(Duration timeout) {
            return delegate.flush(timeout);
        }
    }
}
