package io.trainstream.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own process, until SIGTERM (or Ctrl-C).
 *
 * <pre>
 * java -cp "libs/*" io.trainstream.broker.EmbeddedKafkaMain --data-dir DIR [--port N] [--controller-port N]
 * </pre>
 *
 * <p>Ports default to 0 (a free port). Once the broker accepts connections, exactly one line
 * {@code bootstrap.servers=127.0.0.1:PORT} is printed on stdout; a parent process can wait for it.
 * Exit codes: 1 if the broker cannot start, 2 on bad arguments.
 */
public final class EmbeddedKafkaMain {

    private static final String USAGE =
            "usage: EmbeddedKafkaMain --data-dir DIR [--port N] [--controller-port N]";

    private EmbeddedKafkaMain() {
    }

    /**
     * Starts the broker, prints its address and waits until the JVM is asked to exit.
     *
     * @param args {@code --data-dir DIR} (required), {@code --port N}, {@code --controller-port N}
     * @throws InterruptedException if the main thread is interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        try {
            broker.start();
        } catch (BrokerStartException e) {
            System.err.println("cannot start Kafka: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    /** Reads the command line into a config; throws IllegalArgumentException naming what is wrong. */
    static EmbeddedKafkaConfig parse(String[] args) {
        Path dataDir = null;
        int port = 0;
        int controllerPort = 0;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!List.of("--data-dir", "--port", "--controller-port").contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[i + 1];
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--port" -> port = parsePort(name, value);
                default -> controllerPort = parsePort(name, value);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return EmbeddedKafkaConfig.builder(dataDir).optBrokerPort(port).optControllerPort(controllerPort).build();
    }

    private static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a port number, not " + value, e);
        }
    }
}
