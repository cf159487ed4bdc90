package io.trainstream.consumers.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Copies records that cannot be decoded to the dead-letter topic, raw bytes plus provenance headers. */
final class DeadLetterPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final RunnerConfig config;
    private final String groupId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

    DeadLetterPublisher(RunnerConfig config, String groupId) {
        this.config = config;
        this.groupId = groupId;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dlq");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putAll(config.clientOverrides());
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates the topic with the broker's defaults when missing; failures are only logged (it may be auto-created). */
    static void ensureTopic(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put("bootstrap.servers", config.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(config.deadLetterTopic(), Optional.empty(), Optional.empty())))
                    .all().get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("could not create dead-letter topic {}: {}", config.deadLetterTopic(), e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("could not create dead-letter topic {} within {}", config.deadLetterTopic(), ACK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends one record's bytes; {@link #flush()} waits for the broker's acknowledgement.
     *
     * @param original the original record's headers, copied first (may be null)
     */
    void send(String topic, int partition, long offset, byte[] key, byte[] value, Iterable<Header> original,
            String reason, String error) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            original.forEach(headers::add);
        }
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topic));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(DeadLetterHeaders.CONSUMER_GROUP, utf8(groupId));
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.ERROR, utf8(error == null ? "" : error));
        unacknowledged.add(producer.send(new ProducerRecord<>(config.deadLetterTopic(), null, key, value, headers)));
        LOG.warn("dead-lettered {}-{}@{} to {}: {}: {}", topic, partition, offset, config.deadLetterTopic(), reason, error);
    }

    /**
     * Waits until every record sent so far is acknowledged; called before offsets are committed so a
     * dead-lettered record is never lost.
     *
     * @throws DeadLetterException when one could not be written
     */
    void flush() {
        if (unacknowledged.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : unacknowledged) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException(config.deadLetterTopic(), e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException(config.deadLetterTopic(), e);
        } finally {
            unacknowledged.clear();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
