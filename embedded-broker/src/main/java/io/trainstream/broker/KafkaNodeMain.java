package io.trainstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one node of an {@link EmbeddedKafkaCluster} as its own process, until SIGTERM (a clean,
 * controlled shutdown that hands its partition leaderships to other nodes) or SIGKILL.
 *
 * <pre>
 * java -cp CLASSPATH io.trainstream.broker.KafkaNodeMain --config DIR/node-1/server.properties
 * </pre>
 *
 * <p>The storage named in the config must be formatted already (the cluster does it). When
 * {@code startup()} returns, the line {@value #STARTED} followed by the node id is printed; whether the
 * node serves clients is for the parent to check. Exit codes: 1 if the node cannot start, 2 on bad
 * arguments.
 */
public final class KafkaNodeMain {

    /** The start of the line printed once the node has started. */
    public static final String STARTED = "kafka node started: node.id=";

    private KafkaNodeMain() {
    }

    /**
     * Starts the node and waits until the JVM is asked to exit.
     *
     * @param args {@code --config FILE}
     * @throws InterruptedException if the main thread is interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: KafkaNodeMain --config FILE");
            System.exit(2);
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            properties.load(in);
        } catch (IOException e) {
            System.err.println("cannot read the node config " + args[1] + ": " + e);
            System.exit(2);
            return;
        }
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            System.err.println("cannot start Kafka node " + properties.getProperty("node.id") + ": " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        // a node outlives nothing: when the process that started it dies (even by SIGKILL), it stops too
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        System.out.println(STARTED + properties.getProperty("node.id"));
        System.out.flush();
        stopped.await();
    }
}
