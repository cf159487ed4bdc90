package io.trainstream.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running in this
 * JVM, listening on 127.0.0.1 only.
 *
 * <p>The data directory persists: a stopped broker can be {@linkplain #start() started} again, in
 * this JVM or another, and finds its topics and records. Ports given as 0 are picked at the first
 * start and kept, so a restart listens on the same ports and existing clients reconnect by
 * themselves.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir).build()).start()) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} are serialised. Kafka's own fatal-error
 * handlers may halt the whole JVM on unrecoverable faults (e.g. running out of heap); give the JVM
 * at least 256 MiB.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final EmbeddedKafkaConfig config;
    private final DataDirectory dataDirectory;
    private volatile int brokerPort;
    private volatile int controllerPort;
    private KafkaRaftServer server;
    private volatile boolean running;

    /**
     * Creates a stopped broker; nothing touches the disk or the network until {@link #start()}.
     *
     * @param config how to run it
     */
    public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.dataDirectory = new DataDirectory(config.dataDir());
        this.brokerPort = config.brokerPort();
        this.controllerPort = config.controllerPort();
    }

    /**
     * Starts the broker, formatting the data directory on first use, and blocks until it accepts
     * connections (an admin client's {@code describeCluster} lists it) or the config's start timeout
     * passes. Does nothing if it is already running.
     *
     * @return this broker
     * @throws BrokerStartException if the data directory is not writable, a port is taken, formatting
     *                              fails or the broker is not ready in time; the broker is then stopped
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (running) {
            return this;
        }
        long began = System.nanoTime();
        dataDirectory.prepare();
        if (brokerPort == 0 || controllerPort == 0) {
            int[] ports = LocalPorts.resolve(brokerPort, controllerPort);
            brokerPort = ports[0];
            controllerPort = ports[1];
        }
        LocalPorts.requireFree("broker", brokerPort);
        LocalPorts.requireFree("controller", controllerPort);
        Properties properties = BrokerProperties.of(config, dataDirectory.logDir(), brokerPort, controllerPort);
        dataDirectory.writeConfig(properties);
        String clusterId = StorageFormat.ensureFormatted(dataDirectory.configFile(), dataDirectory.logDir());
        server = launch(properties);
        try {
            Readiness.await(bootstrapServers(), config.startTimeout());
        } catch (BrokerStartException e) {
            halt();
            throw e;
        }
        running = true;
        LOG.info("Kafka broker ready at {} (cluster {}, data in {}) after {} ms", bootstrapServers(), clusterId,
                config.dataDir(), (System.nanoTime() - began) / 1_000_000);
        return this;
    }

    /**
     * Shuts the broker down and waits until it has. Its data stays on disk for the next start.
     * Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        halt();
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Tells whether the broker has started and not been stopped since.
     *
     * @return true between a successful {@link #start()} and the next {@link #stop()}
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * The address clients connect to.
     *
     * @return {@code "127.0.0.1:<broker port>"}
     * @throws IllegalStateException if the port is to be picked and the broker has never started
     */
    public String bootstrapServers() {
        return LocalPorts.HOST + ":" + brokerPort();
    }

    /**
     * The client port.
     *
     * @return the configured port, or the one picked at the first start
     * @throws IllegalStateException if the port is to be picked and the broker has never started
     */
    public int brokerPort() {
        return requirePort(brokerPort);
    }

    /**
     * The KRaft controller port.
     *
     * @return the configured port, or the one picked at the first start
     * @throws IllegalStateException if the port is to be picked and the broker has never started
     */
    public int controllerPort() {
        return requirePort(controllerPort);
    }

    /**
     * Where the broker keeps its data.
     *
     * @return the absolute data directory of the config
     */
    public Path dataDir() {
        return config.dataDir();
    }

    /**
     * The configuration this broker was created with (ports as given, possibly 0).
     *
     * @return the config
     */
    public EmbeddedKafkaConfig config() {
        return config;
    }

    private KafkaRaftServer launch(Properties properties) {
        KafkaRaftServer created = null;
        try {
            created = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            created.startup();
            return created;
        } catch (RuntimeException e) {
            if (created != null) {
                shutDown(created);
            }
            throw new BrokerStartException("the Kafka broker at " + LocalPorts.HOST + ":" + brokerPort
                    + " (data in " + config.dataDir() + ") failed to start: " + e.getMessage(), e);
        }
    }

    private void halt() {
        KafkaRaftServer current = server;
        server = null;
        if (current != null) {
            shutDown(current);
        }
    }

    private static void shutDown(KafkaRaftServer target) {
        target.shutdown();
        target.awaitShutdown();
    }

    private static int requirePort(int port) {
        if (port == 0) {
            throw new IllegalStateException("the port is picked at the first start(); the broker has not started yet");
        }
        return port;
    }
}
