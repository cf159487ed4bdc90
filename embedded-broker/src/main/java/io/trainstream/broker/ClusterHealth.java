package io.trainstream.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Reads a cluster's state through an admin client: which nodes are live (registered and unfenced), who
 * leads a partition, whether every replica of every partition is in sync.
 */
final class ClusterHealth {

    private static final long POLL_MS = 200;

    private ClusterHealth() {
    }

    static Map<String, Object> adminSettings(String bootstrapServers, Map<String, String> security) {
        Map<String, Object> settings = new HashMap<>(security);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "trainstream-cluster-health");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return settings;
    }

    /** Waits until every node id in {@code expected} is live; throws BrokerStartException naming the missing ones. */
    static void awaitLiveNodes(Map<String, Object> adminSettings, Set<Integer> expected, Duration timeout) {
        AtomicReference<Set<Integer>> live = new AtomicReference<>(Set.of());
        boolean ok = poll(adminSettings, timeout, admin -> {
            live.set(liveNodes(admin));
            return live.get().containsAll(expected);
        });
        if (!ok) {
            throw new BrokerStartException("Kafka nodes " + expected + " were not all live within " + timeout.toMillis()
                    + " ms (live: " + live.get() + ")");
        }
    }

    /**
     * Waits until every partition of every topic has a leader and all its replicas in sync.
     *
     * @return false if that did not happen within the timeout
     */
    static boolean awaitFullyReplicated(Map<String, Object> adminSettings, Duration timeout) {
        return poll(adminSettings, timeout, admin -> allPartitions(admin).stream().allMatch(
                p -> p.leader() != null && !p.leader().isEmpty() && p.isr().size() == p.replicas().size()));
    }

    static int leaderOf(Map<String, Object> adminSettings, String topic, int partition) {
        try (Admin admin = Admin.create(adminSettings)) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            Node leader = description.partitions().get(partition).leader();
            if (leader == null || leader.isEmpty()) {
                throw new IllegalStateException("partition " + topic + "-" + partition + " has no leader right now");
            }
            return leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
        }
    }

    private static Set<Integer> liveNodes(Admin admin) throws Exception {
        Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return nodes.stream().map(Node::id).collect(Collectors.toSet());
    }

    private static Collection<TopicPartitionInfo> allPartitions(Admin admin) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
        if (names.isEmpty()) {
            return java.util.List.of();
        }
        return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream()).toList();
    }

    /** Asks {@code check} every 200 ms until it says true or the timeout passes; failures count as false. */
    private static boolean poll(Map<String, Object> adminSettings, Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminSettings)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (check.test(admin)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    // not answering yet, or a partition is moving: ask again
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** A check on the cluster that may fail with any exception (treated as "not yet"). */
    private interface Check {
        boolean test(Admin admin) throws Exception;
    }
}
