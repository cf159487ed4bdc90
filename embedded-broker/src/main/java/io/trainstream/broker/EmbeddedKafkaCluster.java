package io.trainstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-node Apache Kafka cluster (KRaft) on 127.0.0.1: each node is its own JVM process
 * running Kafka's own server, combined broker and controller, so a test can SIGKILL one.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(KafkaClusterConfig.builder(dir).build()).start()) {
 *     producerProps.put("bootstrap.servers", cluster.bootstrapServers());   // all three client listeners
 *     cluster.killNode(cluster.leaderOf("events", 0));                       // SIGKILL the leader
 *     cluster.startNode(1);                                                  // back, same ports and data
 * }
 * }</pre>
 *
 * <p>Topics get replication factor {@code min(3, nodes)} and {@code min.insync.replicas} 2 with three
 * or more nodes (internal topics too). The data directory holds one {@code node-<id>} directory per
 * node ({@code kafka-logs/}, {@code server.properties}, {@code node.log}) and {@code cluster.properties}
 * (cluster id and ports, reused by the next start while the ports are free). Nodes stop by themselves
 * when the process that started them dies.
 *
 * <p>Thread-safe: the methods that start or stop nodes are serialised.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLUSTER_STOP_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaClusterConfig config;
    private final Path stateFile;
    private String clusterId;
    private List<ClusterNodeProcess> nodes = List.of();
    private boolean running;

    /**
     * Creates a stopped cluster; nothing touches the disk or the network until {@link #start()}.
     *
     * @param config how to run it
     */
    public EmbeddedKafkaCluster(KafkaClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.stateFile = config.dataDir().resolve("cluster.properties");
    }

    /**
     * Starts every node (formatting storage on first use) and blocks until all are live.
     *
     * @return this cluster
     * @throws BrokerStartException if a node does not start or the cluster is not complete in time; the
     *                              nodes started are stopped again
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (running) {
            return this;
        }
        long began = System.nanoTime();
        List<ClusterNodeAddress> addresses = prepare();
        nodes = addresses.stream().map(a -> new ClusterNodeProcess(a, nodeDir(a.nodeId()), config.nodeHeapMb(),
                config.nodeJvmOptions()))
                .toList();
        try {
            nodes.forEach(ClusterNodeProcess::launch);
            for (ClusterNodeProcess node : nodes) {
                node.awaitStarted(config.startTimeout());
            }
            ClusterHealth.awaitLiveNodes(adminSettings(), nodeIds(), config.startTimeout());
        } catch (RuntimeException e) {
            nodes.forEach(ClusterNodeProcess::kill);
            throw e;
        }
        running = true;
        LOG.info("Kafka cluster {} of {} nodes ready at {} (data in {}) after {} ms", clusterId, nodes.size(),
                bootstrapServers(), config.dataDir(), (System.nanoTime() - began) / 1_000_000);
        return this;
    }

    /**
     * Stops every node (SIGTERM to all at once) and waits; a node still running after 20 s is killed. Data
     * stays for the next start. Nodes stopped one after the other would hang: the last ones lose their
     * controller quorum in the middle of their controlled shutdown.
     */
    public synchronized void stop() {
        long began = System.nanoTime();
        running = false;
        nodes.forEach(ClusterNodeProcess::signalStop);
        nodes.forEach(node -> node.awaitStop(CLUSTER_STOP_TIMEOUT));
        if (!nodes.isEmpty()) {
            LOG.info("Kafka cluster {} stopped after {} ms", clusterId, (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * The client listeners of all nodes.
     *
     * @return e.g. {@code "127.0.0.1:40001,127.0.0.1:40004,127.0.0.1:40007"}
     * @throws IllegalStateException if the cluster has never started
     */
    public String bootstrapServers() {
        return addresses().stream().map(ClusterNodeAddress::clientAddress).collect(Collectors.joining(","));
    }

    /**
     * Where each node listens.
     *
     * @return one address per node, by node id
     * @throws IllegalStateException if the cluster has never started
     */
    public synchronized List<ClusterNodeAddress> addresses() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the cluster has not started yet: its ports are picked at start()");
        }
        return nodes.stream().map(ClusterNodeProcess::address).toList();
    }

    /**
     * The cluster id every node was formatted with.
     *
     * @return the id
     * @throws IllegalStateException if the cluster has never started
     */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException("the cluster has not started yet");
        }
        return clusterId;
    }

    /**
     * The configuration of this cluster.
     *
     * @return the config
     */
    public KafkaClusterConfig config() {
        return config;
    }

    /**
     * The settings an admin client of the cluster needs: bootstrap servers, and with security on the
     * admin user's SASL login.
     *
     * @return admin client settings
     */
    public Map<String, Object> adminSettings() {
        Map<String, String> security = config.securitySetting().map(ClusterSecurity::adminClientSettings)
                .orElse(Map.of());
        return ClusterHealth.adminSettings(bootstrapServers(), security);
    }

    /**
     * Kills a node's process with SIGKILL and waits until it is gone. The other nodes notice after the
     * broker session timeout (6 s) and move its leaderships.
     *
     * @param nodeId the node, 1..n
     */
    public synchronized void killNode(int nodeId) {
        node(nodeId).kill();
        LOG.info("Kafka node {} killed (SIGKILL)", nodeId);
    }

    /**
     * Stops a node with a controlled shutdown (SIGTERM): it hands its leaderships over first.
     *
     * @param nodeId the node, 1..n
     */
    public synchronized void stopNode(int nodeId) {
        node(nodeId).stop(STOP_TIMEOUT);
        LOG.info("Kafka node {} stopped", nodeId);
    }

    /**
     * Starts a stopped or killed node again on its ports and data, and waits until it is live.
     *
     * @param nodeId the node, 1..n
     * @throws BrokerStartException if it is not live within the start timeout
     */
    public synchronized void startNode(int nodeId) {
        ClusterNodeProcess node = node(nodeId);
        node.launch();
        node.awaitStarted(config.startTimeout());
        long began = System.nanoTime();
        ClusterHealth.awaitLiveNodes(adminSettings(), Set.of(nodeId), config.startTimeout());
        LOG.info("Kafka node {} live again ({} ms after its process reported started)", nodeId,
                (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Tells whether a node's process runs.
     *
     * @param nodeId the node, 1..n
     * @return true if its JVM is alive
     */
    public synchronized boolean isNodeRunning(int nodeId) {
        return node(nodeId).isAlive();
    }

    /**
     * The process id of a node's JVM.
     *
     * @param nodeId the node, 1..n
     * @return its pid (of the last start)
     */
    public synchronized long nodePid(int nodeId) {
        return node(nodeId).pid();
    }

    /**
     * The node that leads a partition right now.
     *
     * @param topic     the topic
     * @param partition the partition
     * @return the leader's node id
     * @throws IllegalStateException if the partition has no leader or the topic cannot be described
     */
    public int leaderOf(String topic, int partition) {
        return ClusterHealth.leaderOf(adminSettings(), topic, partition);
    }

    /**
     * Waits until every partition of every topic (internal ones included) has a leader and all its
     * replicas in sync: after a node restart, the moment the next one may go down without a partition
     * dropping below its min ISR.
     *
     * @param timeout how long to wait
     * @return false if that did not happen within the timeout
     */
    public boolean awaitFullyReplicated(Duration timeout) {
        return ClusterHealth.awaitFullyReplicated(adminSettings(), timeout);
    }

    private ClusterNodeProcess node(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + config.nodes()
                    + " nodes (started: " + !nodes.isEmpty() + ")");
        }
        return nodes.get(nodeId - 1);
    }

    private Set<Integer> nodeIds() {
        return nodes.stream().map(n -> n.address().nodeId()).collect(Collectors.toSet());
    }

    private Path nodeDir(int nodeId) {
        return config.dataDir().resolve("node-" + nodeId);
    }

    /** Picks or reuses ports and the cluster id, writes every node's config and formats its storage. */
    private List<ClusterNodeAddress> prepare() {
        Properties state = readState();
        clusterId = state.getProperty("cluster.id");
        if (clusterId == null) {
            clusterId = StorageFormat.existingClusterId(new DataDirectory(nodeDir(1)).logDir())
                    .orElseGet(() -> Uuid.randomUuid().toString());
        }
        List<ClusterNodeAddress> addresses = reusablePorts(state);
        if (addresses == null) {
            int[] ports = LocalPorts.pick(3 * config.nodes());
            List<ClusterNodeAddress> picked = new ArrayList<>();
            for (int i = 0; i < config.nodes(); i++) {
                picked.add(new ClusterNodeAddress(i + 1, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2]));
            }
            addresses = List.copyOf(picked);
        }
        List<String> scram = ClusterProperties.scramArguments(config);
        for (ClusterNodeAddress address : addresses) {
            DataDirectory dir = new DataDirectory(nodeDir(address.nodeId()));
            dir.prepare();
            dir.writeConfig(ClusterProperties.of(config, address, addresses, dir.logDir()));
            StorageFormat.ensureFormatted(dir.configFile(), dir.logDir(), clusterId, scram);
        }
        writeState(addresses);
        return addresses;
    }

    private List<ClusterNodeAddress> reusablePorts(Properties state) {
        List<ClusterNodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= config.nodes(); id++) {
            String ports = state.getProperty("node." + id + ".ports");
            if (ports == null) {
                return null;
            }
            String[] parts = ports.split(",");
            ClusterNodeAddress address = new ClusterNodeAddress(id, Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            if (!LocalPorts.isFree(address.clientPort()) || !LocalPorts.isFree(address.internalPort())
                    || !LocalPorts.isFree(address.controllerPort())) {
                return null;
            }
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    private Properties readState() {
        Properties state = new Properties();
        if (Files.isRegularFile(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                state.load(in);
            } catch (IOException e) {
                throw new BrokerStartException("cannot read " + stateFile + ": " + e.getMessage(), e);
            }
        }
        return state;
    }

    private void writeState(List<ClusterNodeAddress> addresses) {
        Properties state = new Properties();
        state.setProperty("cluster.id", clusterId);
        state.setProperty("nodes", Integer.toString(addresses.size()));
        for (ClusterNodeAddress a : addresses) {
            state.setProperty("node." + a.nodeId() + ".ports", a.clientPort() + "," + a.internalPort() + ","
                    + a.controllerPort());
        }
        try (OutputStream out = Files.newOutputStream(stateFile)) {
            state.store(out, "written by trainstream EmbeddedKafkaCluster: cluster id and client,internal,controller "
                    + "ports per node");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile, e);
        }
    }
}
