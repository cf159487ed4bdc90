package io.trainstream.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds the {@code server.properties} of one node of an {@link EmbeddedKafkaCluster}: a combined
 * broker and controller on 127.0.0.1 with three listeners (CLIENT, INTERNAL for replication,
 * CONTROLLER), replication of internal topics fitted to the cluster size, and, with security on,
 * SASL everywhere plus the StandardAuthorizer.
 */
final class ClusterProperties {

    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private ClusterProperties() {
    }

    static Properties of(KafkaClusterConfig config, ClusterNodeAddress node, List<ClusterNodeAddress> all,
            Path logDir) {
        String host = LocalPorts.HOST;
        String replication = Integer.toString(config.replicationFactor());
        String minIsr = Integer.toString(config.minInsyncReplicas());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node.nodeId()));
        p.setProperty("controller.quorum.voters",
                all.stream().map(ClusterNodeAddress::voter).collect(Collectors.joining(",")));
        p.setProperty("listeners", "CLIENT://" + host + ":" + node.clientPort() + ",INTERNAL://" + host + ":"
                + node.internalPort() + ",CONTROLLER://" + host + ":" + node.controllerPort());
        p.setProperty("advertised.listeners", "CLIENT://" + host + ":" + node.clientPort() + ",INTERNAL://" + host
                + ":" + node.internalPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "INTERNAL");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(config.numPartitions()));
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", replication);
        // few partitions for the group coordinator's topic: it is created at the first group and a
        // 50-partition replicated topic takes seconds on a small machine
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("transaction.state.log.num.partitions", "3");
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // a dead node is fenced (and leaves every ISR) after the session timeout; 6 s instead of 9 s
        // keeps failover quick without fencing a node that a busy 2-core machine starves for a moment
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "6000");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        // the 128 MiB default can exhaust a small heap, and the broker's fatal handler then halts the JVM
        p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        config.securitySetting().ifPresentOrElse(security -> secure(p, security),
                () -> p.setProperty("listener.security.protocol.map",
                        "CLIENT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT"));
        config.brokerProperties().forEach(p::setProperty);
        return p;
    }

    /**
     * SCRAM for clients; PLAIN with the admin's password (from the JAAS config, not the metadata) between
     * nodes, since controllers must authenticate brokers before any SCRAM credential can be read.
     */
    private static void secure(Properties p, ClusterSecurity security) {
        p.setProperty("listener.security.protocol.map",
                "CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("listener.name.client.sasl.enabled.mechanisms", ClusterSecurity.MECHANISM);
        p.setProperty("listener.name.client.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        String plain = PLAIN_MODULE + " required username=\"" + security.adminUser() + "\" password=\""
                + security.adminPassword() + "\" user_" + security.adminUser() + "=\"" + security.adminPassword() + "\";";
        for (String listener : List.of("internal", "controller")) {
            p.setProperty("listener.name." + listener + ".sasl.enabled.mechanisms", "PLAIN");
            p.setProperty("listener.name." + listener + ".plain.sasl.jaas.config", plain);
        }
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("super.users", "User:" + security.adminUser());
    }

    /** The storage tool's {@code --add-scram} arguments: every user's SCRAM credential, admin included. */
    static List<String> scramArguments(KafkaClusterConfig config) {
        return config.securitySetting().map(security -> {
            java.util.List<String> args = new java.util.ArrayList<>();
            args.add("--add-scram");
            args.add(ClusterSecurity.MECHANISM + "=[name=" + security.adminUser() + ",password="
                    + security.adminPassword() + "]");
            security.users().forEach((name, password) -> {
                args.add("--add-scram");
                args.add(ClusterSecurity.MECHANISM + "=[name=" + name + ",password=" + password + "]");
            });
            return List.copyOf(args);
        }).orElse(List.of());
    }
}
