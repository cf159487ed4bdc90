package io.trainstream.bench;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The bench broker with extra {@code server.properties} entries, for experiments on broker settings:
 * every system property {@code bench.broker.KEY=VALUE} becomes the broker property {@code KEY=VALUE}
 * (e.g. {@code -Dbench.broker.num.network.threads=1}). Otherwise as {@code EmbeddedKafkaMain}: arguments
 * {@code DATA_DIR PORT CONTROLLER_PORT}, one line {@code bootstrap.servers=...} once ready, runs until SIGTERM.
 */
public final class BenchBrokerMain {

    /** System properties with this prefix are passed to the broker without it. */
    static final String PREFIX = "bench.broker.";

    private BenchBrokerMain() {
    }

    /**
     * Starts the broker and waits until the JVM is asked to exit.
     *
     * @param args data directory, broker port, controller port
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: BenchBrokerMain DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        EmbeddedKafkaConfig.Builder config = EmbeddedKafkaConfig.builder(Path.of(args[0]))
                .optBrokerPort(Integer.parseInt(args[1])).optControllerPort(Integer.parseInt(args[2]));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> config.addBrokerProperty(k.substring(PREFIX.length()), System.getProperty(k)));
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "bench-broker-shutdown"));
        broker.start();
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
