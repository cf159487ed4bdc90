package io.trainstream.cluster.support;

import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.broker.KafkaClusterConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one PLAINTEXT three-node cluster of this test JVM: started on first use under
 * {@code target/cluster-<pid>}, stopped (and its directory deleted) at JVM exit. A test that stops or kills a node starts it again
 * and waits for full replication before it ends, so the next test finds three healthy nodes. Tests use
 * topics of their own.
 */
public final class SharedCluster {

    private static EmbeddedKafkaCluster cluster;

    private SharedCluster() {}

    /** @return the running cluster */
    public static synchronized EmbeddedKafkaCluster get() {
        if (cluster == null) {
            Path dir = Path.of("target", "cluster-" + ProcessHandle.current().pid()).toAbsolutePath();
            cluster = new EmbeddedKafkaCluster(KafkaClusterConfig.builder(dir).optNodes(3).optNumPartitions(6)
                    .addNodeJvmOptions(KafkaClusterConfig.FAST_START_JVM_OPTIONS).build());
            EmbeddedKafkaCluster created = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.stop();
                deleteRecursively(dir);
            }, "shared-cluster-shutdown"));
            cluster.start();
        }
        return cluster;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit: target/ is cleaned by the build anyway
        }
    }
}
