package io.trainstream.broker;

import java.nio.file.Path;
import java.util.Properties;

/** Builds the {@code server.properties} of a single combined broker+controller node on 127.0.0.1. */
final class BrokerProperties {

    private BrokerProperties() {
    }

    /**
     * The broker's configuration: every replication factor and min ISR is 1, both listeners are on
     * 127.0.0.1, and the config's extra properties are applied last.
     */
    static Properties of(EmbeddedKafkaConfig config, Path logDir, int brokerPort, int controllerPort) {
        String host = LocalPorts.HOST;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(config.numPartitions()));
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // the 128 MiB default can exhaust a small heap, and the broker's fatal handler then halts the JVM
        p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        config.brokerProperties().forEach(p::setProperty);
        return p;
    }
}
