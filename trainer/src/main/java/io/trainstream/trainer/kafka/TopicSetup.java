package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the events topic (partitions as configured, unlimited retention by time and size) and the runs
 * topic (compacted, one partition) when they are missing, replicated to fit the cluster (see
 * {@link TopicReplication}) unless told otherwise. Topics that exist are left exactly as they are.
 */
public final class TopicSetup {

    /** Default bound on reaching the cluster and creating the topics. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    private TopicSetup() {}

    /**
     * The outcome of {@link #ensureTopics}.
     *
     * @param created the topics this call created
     * @param existing the topics that were already there
     */
    public record Result(List<String> created, List<String> existing) {
        /** Copies the lists. */
        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }

    /**
     * Creates the missing topics with the replication the config asks for, or, when it leaves the factor
     * at 0, the one that fits the cluster ({@link TopicReplication#fitting}: factor {@code min(3, brokers)},
     * min ISR 2 from factor 3 up), then waits until every new partition has a leader and enough replicas
     * in sync for {@code acks=all} writes.
     *
     * @param config the topics and the cluster
     * @param timeout bound on the whole call
     * @return which topics were created and which existed
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     * @throws EventLogAccessDeniedException when the client's principal may not list, create or describe them
     */
    public static Result ensureTopics(KafkaPublisherConfig config, Duration timeout) {
        return ensure(config, timeout, null);
    }

    /**
     * As {@link #ensureTopics(KafkaPublisherConfig, Duration)} with a given replication (factor and
     * {@code min.insync.replicas}) instead of the config's or the cluster's.
     *
     * @param config the topics and the cluster
     * @param timeout bound on the whole call
     * @param replication how the created topics are replicated
     * @return which topics were created and which existed
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     * @throws EventLogAccessDeniedException when the client's principal may not list, create or describe them
     */
    public static Result ensureTopics(KafkaPublisherConfig config, Duration timeout, TopicReplication replication) {
        return ensure(config, timeout, java.util.Objects.requireNonNull(replication, "replication"));
    }

    private static Result ensure(KafkaPublisherConfig config, Duration timeout, TopicReplication given) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(adminSettings(config, timeout));
        try {
            Set<String> names = await(admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout))).names(),
                    deadline, config, timeout, "list topics");
            List<String> existing = new ArrayList<>();
            List<String> created = new ArrayList<>();
            if (names.contains(config.eventsTopic()) && names.contains(config.runsTopic())) {
                return new Result(created, List.of(config.eventsTopic(), config.runsTopic()));
            }
            TopicReplication replication = given != null ? given : TopicReplication.of(config,
                    await(admin.describeCluster().nodes(), deadline, config, timeout, "describe the cluster").size());
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : List.of(eventsTopic(config, replication), runsTopic(config, replication))) {
                if (names.contains(topic.name())) {
                    existing.add(topic.name());
                } else {
                    missing.add(topic);
                }
            }
            var results = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(millis(timeout))).values();
            for (NewTopic topic : missing) {
                try {
                    await(results.get(topic.name()), deadline, config, timeout, "create topic " + topic.name());
                    created.add(topic.name());
                } catch (TopicExists e) {
                    existing.add(topic.name());
                }
            }
            awaitLeaders(admin, created, replication.minInsyncReplicas(), deadline, config, timeout);
            return new Result(created, existing);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /**
     * @param config the events topic's name and partitions
     * @param replication replication factor and min ISR
     * @return the events topic as created: retention.ms and retention.bytes -1 (keep everything)
     */
    public static NewTopic eventsTopic(KafkaPublisherConfig config, TopicReplication replication) {
        Map<String, String> settings = new HashMap<>();
        settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        settings.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        settings.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        settings.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInsyncReplicas()));
        return new NewTopic(config.eventsTopic(), config.eventsPartitions(), replication.factor()).configs(settings);
    }

    /**
     * @param config the runs topic's name
     * @param replication replication factor and min ISR
     * @return the runs topic as created: one partition, cleanup.policy=compact
     */
    public static NewTopic runsTopic(KafkaPublisherConfig config, TopicReplication replication) {
        return new NewTopic(config.runsTopic(), 1, replication.factor()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInsyncReplicas())));
    }

    static Map<String, Object> adminSettings(KafkaPublisherConfig config, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "trainstream-topic-setup");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        for (Map.Entry<String, String> entry : config.producerOverrides().entrySet()) {
            if (AdminClientConfig.configNames().contains(entry.getKey())) {
                props.put(entry.getKey(), entry.getValue());
            }
        }
        return props;
    }

    /**
     * A new topic's partitions get their leaders a moment after the create call returns; an idempotent
     * producer that sends before then can see NOT_LEADER_OR_FOLLOWER and, after the leader moves, keep
     * retrying a batch the broker answers with OUT_OF_ORDER_SEQUENCE_NUMBER (seen under load in CI).
     * So the setup waits, within its deadline, until every partition of the created topics has a leader
     * and at least {@code minInsync} replicas in sync. Right after creation the broker asked may not know
     * the topics yet and answers UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this
     * topic-partition"): that too only means "not yet".
     */
    private static void awaitLeaders(Admin admin, List<String> topics, int minInsync, long deadline,
            KafkaPublisherConfig config, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        String what = "wait for leaders of " + topics;
        while (true) {
            if (partitionsReady(admin, topics, minInsync, deadline, config, timeout)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EventLogUnavailableException(config.bootstrapServers(), timeout, what, null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventLogUnavailableException(config.bootstrapServers(), timeout, what + " (interrupted)", e);
            }
        }
    }

    private static boolean partitionsReady(Admin admin, List<String> topics, int minInsync, long deadline,
            KafkaPublisherConfig config, Duration timeout) {
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            var descriptions = admin.describeTopics(topics).allTopicNames().get(left, TimeUnit.NANOSECONDS);
            return descriptions.values().stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.isr().size() >= minInsync);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            if (e.getCause() instanceof AuthorizationException) {
                throw new EventLogAccessDeniedException(config.bootstrapServers(), "describe topics " + topics,
                        e.getCause());
            }
            throw new IllegalStateException("could not describe topics " + topics + " on Kafka at "
                    + config.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventLogUnavailableException(config.bootstrapServers(), timeout, "wait for leaders of " + topics,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException(config.bootstrapServers(), timeout, "wait for leaders (interrupted)", e);
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, long deadline, KafkaPublisherConfig config,
            Duration timeout, String what) {
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new TopicExists();
            }
            if (e.getCause() instanceof AuthorizationException) {
                throw new EventLogAccessDeniedException(config.bootstrapServers(), what, e.getCause());
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new EventLogUnavailableException(config.bootstrapServers(), timeout, what, e.getCause());
            }
            throw new IllegalStateException("could not " + what + " on Kafka at " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventLogUnavailableException(config.bootstrapServers(), timeout, what, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException(config.bootstrapServers(), timeout, what + " (interrupted)", e);
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** Signals a topic created concurrently by someone else; never leaves this class. */
    private static final class TopicExists extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicExists() {
            super(null, null, false, false);
        }
    }
}
