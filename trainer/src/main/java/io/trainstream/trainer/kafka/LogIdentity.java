package io.trainstream.trainer.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Names the log an outbox belongs to by what does not change when ordinary things do: the events topic
 * and the Kafka cluster's id (stable across restarts, ports and address aliases such as
 * {@code localhost} and {@code 127.0.0.1}). Any publisher on the same cluster then finds, and delivers,
 * what a dead one left. When the cluster cannot be asked (it is down at start), the bootstrap address
 * names the log instead; the next publisher that reaches the cluster under that address adopts it.
 *
 * @param key the outbox key: {@code <events topic>@cluster-<id>}, or the address key when unresolved
 * @param aliases other keys the same log's leftovers may lie under (the address key, earlier versions' key)
 * @param clusterId the cluster id, or null when it could not be asked
 */
public record LogIdentity(String key, List<String> aliases, String clusterId) {

    private static final Logger LOG = LoggerFactory.getLogger(LogIdentity.class);
    /** How long a publisher asks the cluster for its id before falling back to the address. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Checks the fields. */
    public LogIdentity {
        java.util.Objects.requireNonNull(key, "key");
        aliases = List.copyOf(aliases);
    }

    /**
     * @param config the publisher's config
     * @param clusterId the cluster's id
     * @return the identity of the config's events topic on that cluster
     */
    public static LogIdentity of(KafkaPublisherConfig config, String clusterId) {
        return new LogIdentity(config.eventsTopic() + "@cluster-" + clusterId, List.of(config.logKey()), clusterId);
    }

    /**
     * Asks the cluster for its id, within the timeout.
     *
     * @param config the publisher's config (servers and client security settings)
     * @param timeout how long to wait for an answer
     * @return the cluster's identity, or the address identity when the cluster does not answer
     */
    public static LogIdentity resolve(KafkaPublisherConfig config, Duration timeout) {
        try {
            return of(config, clusterId(config, timeout));
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("Kafka at {} did not say its cluster id within {} ms ({}): keeping undelivered events under the address;"
                    + " they are delivered once a publisher reaches the cluster at this address", config.bootstrapServers(),
                    timeout.toMillis(), e.toString());
            return new LogIdentity(config.logKey(), List.of(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LogIdentity(config.logKey(), List.of(), null);
        }
    }

    private static String clusterId(KafkaPublisherConfig config, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Object> props = TopicSetup.adminSettings(config, timeout);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "trainstream-log-identity");
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
