package io.trainstream.broker.junit;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Holds the one broker per JVM: created on first use in a temp dir, stopped and deleted at JVM exit. */
final class SharedBroker {

    private static EmbeddedKafkaBroker broker;

    private SharedBroker() {
    }

    /** The shared broker, started (again, if a test stopped it). */
    static synchronized EmbeddedKafkaBroker get() {
        if (broker == null) {
            Path dataDir = createTempDir();
            broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dataDir).build());
            EmbeddedKafkaBroker created = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.stop();
                deleteRecursively(dataDir);
            }, "shared-embedded-kafka-shutdown"));
        }
        return broker.start();
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("trainstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the shared Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit: a leftover temp dir is harmless
        }
    }
}
