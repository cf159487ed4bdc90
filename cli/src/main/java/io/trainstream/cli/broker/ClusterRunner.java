package io.trainstream.cli.broker;

import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.broker.KafkaClusterConfig;
import io.trainstream.cli.ExitCodes;
import io.trainstream.cli.UsageException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code trainstream broker --nodes N}: runs a local multi-node KRaft cluster in the foreground until
 * Ctrl-C. Kept apart from the single-node path, which other commands attach to through the data directory.
 */
final class ClusterRunner {

    private ClusterRunner() {}

    /**
     * @param nodes 2..9
     * @param port must be 0: a cluster picks its own ports (and keeps them across restarts)
     * @param dir the single node's data directory; the cluster's is {@code DIR-cluster} beside it
     * @param out where the address goes
     * @return the exit code, after Ctrl-C
     */
    static int run(int nodes, int port, Path dir, PrintWriter out) throws InterruptedException {
        if (nodes < 1 || nodes > 9) {
            throw new UsageException("--nodes must be between 1 and 9, was " + nodes);
        }
        if (port != 0) {
            throw new UsageException("--port applies to a single node; a cluster of " + nodes
                    + " nodes picks free ports (printed, and kept in its data directory)");
        }
        Path clusterDir = dir.resolveSibling(dir.getFileName() + "-cluster");
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(KafkaClusterConfig.builder(clusterDir).optNodes(nodes)
                .build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stop();
            stopped.countDown();
        }, "trainstream-cluster-shutdown"));
        out.println("starting " + nodes + " Kafka nodes (each its own process) ...");
        out.flush();
        cluster.start();
        out.println("bootstrap.servers=" + cluster.bootstrapServers());
        out.println("data dir: " + clusterDir + " (node logs: node-<id>/node.log)");
        out.println("use it with: --bootstrap-servers " + cluster.bootstrapServers());
        out.println("press Ctrl-C to stop");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
