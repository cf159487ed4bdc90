package io.trainstream.cli.broker;

import io.trainstream.cli.config.CliSettings;
import io.trainstream.consumers.runlog.KafkaReadSettings;
import io.trainstream.trainer.kafka.EventLogUnavailableException;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka a command uses, reachable: the given cluster after a bounded reachability check, or the
 * local embedded broker ({@link LocalBroker}), started as a detached process when none runs. Hands out
 * the settings the publisher and the readers need. Closing it releases this command's lease on the local
 * broker, which keeps running for other commands until its idle timeout.
 */
public final class EventLog implements AutoCloseable {

    private static final Duration OTHER_OWNER_WAIT = Duration.ofSeconds(90);
    /** The least time given to the local broker to answer the topic setup. */
    static final Duration LOCAL_BROKER_WAIT = Duration.ofSeconds(60);

    private final CliSettings settings;
    private final String bootstrapServers;
    private final LocalBroker localBroker;

    private EventLog(CliSettings settings, String bootstrapServers, LocalBroker localBroker) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.localBroker = localBroker;
    }

    /**
     * @param settings the resolved settings
     * @return a reachable event log
     * @throws EventLogUnavailableException when the given cluster does not answer within the connect timeout
     * @throws io.trainstream.broker.BrokerStartException when the embedded broker cannot start
     */
    public static EventLog connect(CliSettings settings) {
        EventLog log = connectWithoutRecovery(settings);
        log.deliverLeftovers();
        return log;
    }

    /**
     * As {@link #connect}, without first delivering what dead processes left in their outboxes: for
     * {@code resume}, whose own publisher takes those over without marking its run CRASHED.
     *
     * @param settings the resolved settings
     * @return a reachable event log
     */
    public static EventLog connectWithoutRecovery(CliSettings settings) {
        if (settings.embedded()) {
            LocalBroker broker = LocalBroker.attach(settings.embeddedDataDir(), settings.brokerIdle(), OTHER_OWNER_WAIT);
            return new EventLog(settings, broker.bootstrapServers(), broker);
        }
        probe(settings);
        return new EventLog(settings, settings.bootstrapServers(), null);
    }

    /**
     * Delivers, in order, what dead trainstream processes left undelivered for this cluster (under any
     * address they used) and marks their unfinished runs CRASHED, so every command sees a complete log.
     * Does nothing when the topics do not exist yet or nothing is left.
     */
    public void deliverLeftovers() {
        try {
            io.trainstream.trainer.kafka.Leftovers.deliver(publisherConfig(), settings.connectTimeout());
        } catch (RuntimeException e) {
            // reading commands still work; the leftovers stay for the next command
            org.slf4j.LoggerFactory.getLogger(EventLog.class).warn("undelivered events of dead processes not delivered now: {}",
                    e.getMessage());
        }
    }

    private static void probe(CliSettings settings) {
        Duration timeout = settings.connectTimeout();
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "trainstream-cli-probe");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.kafkaOverrides().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new EventLogUnavailableException(settings.bootstrapServers(), timeout, "create a client", e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EventLogUnavailableException(settings.bootstrapServers(), timeout, "reach the cluster", e.getCause());
        } catch (TimeoutException e) {
            throw new EventLogUnavailableException(settings.bootstrapServers(), timeout, "reach the cluster", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException(settings.bootstrapServers(), timeout, "reach the cluster (interrupted)", e);
        } finally {
            admin.close(Duration.ofMillis(200));
        }
    }

    /**
     * Creates the events and runs topics when missing, within the connect timeout; on the local broker
     * within at least {@link #LOCAL_BROKER_WAIT}: it is known to run (its process holds the owner lock),
     * and a broker that has just started on a busy machine can take longer than a remote cluster's timeout
     * to answer its first requests (seen: 4 commands starting at once on 2 loaded cores).
     */
    public void ensureTopics() {
        Duration timeout = settings.connectTimeout();
        if (localBroker != null && timeout.compareTo(LOCAL_BROKER_WAIT) < 0) {
            timeout = LOCAL_BROKER_WAIT;
        }
        TopicSetup.ensureTopics(publisherConfig(), timeout);
    }

    /** @return the publisher's config: servers, topics, partitions, Kafka overrides, outbox in {@code <home>/outbox} */
    public KafkaPublisherConfig publisherConfig() {
        return KafkaPublisherConfig.builder(bootstrapServers).optEventsTopic(settings.eventsTopic())
                .optRunsTopic(settings.runsTopic()).optEventsPartitions(settings.eventsPartitions())
                // the outbox under the command's own home (not a home read again from the process environment)
                .optOutboxDir(settings.home().resolve("outbox"))
                .addProducerOverrides(settings.kafkaOverrides()).build();
    }

    /** @return the readers' settings: servers, connect timeout as read timeout, consumer overrides */
    public KafkaReadSettings readSettings() {
        Map<String, String> consumer = new HashMap<>();
        settings.kafkaOverrides().forEach((key, value) -> {
            if (org.apache.kafka.clients.consumer.ConsumerConfig.configNames().contains(key)) {
                consumer.put(key, value);
            }
        });
        return new KafkaReadSettings(bootstrapServers, settings.connectTimeout(), consumer);
    }

    /** @return the {@code bootstrap.servers} in use */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the settings this log was opened with */
    public CliSettings settings() {
        return settings;
    }

    /** @return e.g. "Kafka at host:9092" or "the embedded broker at 127.0.0.1:40123 (data in ~/.trainstream/kafka)" */
    public String describe() {
        if (localBroker == null) {
            return "Kafka at " + bootstrapServers;
        }
        return "the embedded broker at " + bootstrapServers + " (data in " + localBroker.dataDir()
                + (localBroker.startedHere() ? ", started by this command" : "") + ")";
    }

    /** Releases this command's lease on the local broker (which stops later, after its idle timeout). */
    @Override
    public void close() {
        if (localBroker != null) {
            localBroker.close();
        }
    }
}
