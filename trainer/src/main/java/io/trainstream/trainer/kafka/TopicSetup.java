package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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
 * Creates the events topic (partitions and replication as configured, unlimited retention by time and
 * size) and the runs topic (compacted, one partition) when they are missing. Topics that exist are
 * left exactly as they are.
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
     * @param config the topics and the cluster
     * @param timeout bound on the whole call
     * @return which topics were created and which existed
     * @throws EventLogUnavailableException when the cluster does not answer within the timeout
     */
    public static Result ensureTopics(KafkaPublisherConfig config, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(adminSettings(config, timeout));
        try {
            Set<String> names = await(admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout))).names(),
                    deadline, config, timeout, "list topics");
            List<NewTopic> missing = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            for (NewTopic topic : List.of(eventsTopic(config), runsTopic(config))) {
                if (names.contains(topic.name())) {
                    existing.add(topic.name());
                } else {
                    missing.add(topic);
                }
            }
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(millis(timeout))).values();
                for (NewTopic topic : missing) {
                    try {
                        await(results.get(topic.name()), deadline, config, timeout, "create topic " + topic.name());
                        created.add(topic.name());
                    } catch (TopicExists e) {
                        existing.add(topic.name());
                    }
                }
                awaitLeaders(admin, created, deadline, config, timeout);
            }
            return new Result(created, existing);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /**
     * @param config the events topic's name, partitions and replication factor
     * @return the events topic as created: retention.ms and retention.bytes -1 (keep everything)
     */
    public static NewTopic eventsTopic(KafkaPublisherConfig config) {
        Map<String, String> settings = new HashMap<>();
        settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        settings.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        settings.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        return new NewTopic(config.eventsTopic(), config.eventsPartitions(), config.replicationFactor()).configs(settings);
    }

    /**
     * @param config the runs topic's name and replication factor
     * @return the runs topic as created: one partition, cleanup.policy=compact
     */
    public static NewTopic runsTopic(KafkaPublisherConfig config) {
        return new NewTopic(config.runsTopic(), 1, config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
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
     * So the setup waits, within its deadline, until every partition of the created topics has a leader.
     */
    private static void awaitLeaders(Admin admin, List<String> topics, long deadline, KafkaPublisherConfig config,
            Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        while (true) {
            var descriptions = await(admin.describeTopics(topics).allTopicNames(), deadline, config, timeout,
                    "describe topics " + topics);
            boolean ready = descriptions.values().stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EventLogUnavailableException(config.bootstrapServers(), timeout,
                        "wait for leaders of " + topics, null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventLogUnavailableException(config.bootstrapServers(), timeout, "wait for leaders (interrupted)", e);
            }
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
