package io.trainstream.consumers.dashboard;

import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.EventDecodingException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the events topic from its beginning into a {@link DashboardState}, on one daemon thread.
 *
 * <p>It joins no consumer group and commits nothing: it assigns itself every partition of the topic
 * (re-checked every 10 s, and waited for while the topic does not exist) and seeks to the beginning,
 * so each dashboard rebuilds its state from the whole log. A record that does not decode is logged,
 * counted and skipped. Use it until the dashboard is run by the shared consumer runtime, which can
 * call {@link DashboardState#accept} directly.
 */
public final class DashboardFeed implements AutoCloseable {

    /** The events topic's default name. */
    public static final String DEFAULT_TOPIC = "trainstream.events";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_CHECK_MS = 10_000;

    private final DashboardState state;
    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicLong undecodable = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param state where events go
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param topic the events topic (see {@link #DEFAULT_TOPIC})
     * @param overrides consumer settings applied last, e.g. SASL/TLS settings (may be empty)
     */
    public DashboardFeed(DashboardState state, String bootstrapServers, String topic, Map<String, ?> overrides) {
        this.state = Objects.requireNonNull(state, "state");
        this.topic = Objects.requireNonNull(topic, "topic");
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainstream-dashboard");
        props.putAll(overrides == null ? Map.of() : overrides);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "trainstream-dashboard-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading on the feed's own thread.
     *
     * @return this
     */
    public DashboardFeed start() {
        thread.start();
        return this;
    }

    /**
     * @return records skipped because they did not decode
     */
    public long undecodableRecords() {
        return undecodable.get();
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextCheck = 0;
        try {
            while (running) {
                if (System.currentTimeMillis() >= nextCheck) {
                    assignNewPartitions(assigned);
                    nextCheck = System.currentTimeMillis() + PARTITION_CHECK_MS;
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    nextCheck = 0;
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Dashboard feed stopped reading {}: {}", topic, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignNewPartitions(Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>();
        for (PartitionInfo info : infos) {
            TopicPartition tp = new TopicPartition(topic, info.partition());
            if (assigned.add(tp)) {
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
            LOG.info("Dashboard reads {} partition(s) of {} from the beginning", assigned.size(), topic);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            state.accept(EventCodec.decode(record.value()));
        } catch (EventDecodingException e) {
            undecodable.incrementAndGet();
            LOG.warn("Dashboard skips undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Stops reading and closes the consumer (waits up to 10 s). */
    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
