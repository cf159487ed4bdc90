package io.trainstream.consumers.runtime;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.events.AvroEvents;
import io.trainstream.schemas.EventCodec;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/** Topics, producing and reading on the shared embedded broker, for the consumer tests. */
public final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    /** @return the shared broker's bootstrap servers */
    public static String bootstrap() {
        return EmbeddedKafkaExtension.shared().bootstrapServers();
    }

    /** Creates a fresh topic. @return its name */
    public static String newTopic(String prefix, int partitions) {
        String topic = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    /** @return a runner config reading {@code topic}, with its own dead-letter topic and group prefix */
    public static RunnerConfig.Builder config(String topic) {
        return RunnerConfig.builder(bootstrap()).optTopic(topic).optDeadLetterTopic(topic + ".dlq")
                .optGroupPrefix(topic + ".");
    }

    /** Produces raw values keyed by run id, in order. */
    public static void produceRaw(String topic, List<Map.Entry<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(),
                "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey().getBytes(StandardCharsets.UTF_8),
                        record.getValue())));
            }
            producer.flush();
        }
        // a send that failed must fail the test here, not show later as a record its consumer never saw
        // (a helper once met 1,186 silently missing records under load)
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("record " + i + " of " + sent.size() + " to " + topic
                        + " was not written: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the records sent to " + topic, e);
            }
        }
    }

    /** Produces events keyed by run id, in order. */
    public static void produce(String topic, List<TrainerEvent> events) {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (TrainerEvent event : events) {
            records.add(Map.entry(event.getRunId(), EventCodec.encode(event)));
        }
        produceRaw(topic, records);
    }

    /** Reads {@code expected} records from the start of a one-partition topic (no group). */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Waits for a condition, failing after the timeout. */
    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Drives a sink directly (no Kafka), flushing once at the end: the reference output. */
    public static void driveDirectly(EventSink sink, List<TrainerEvent> events) {
        EventDispatcher dispatcher = new EventDispatcher(sink, ErrorHandler.PROPAGATE);
        for (int i = 0; i < events.size(); i++) {
            dispatcher.dispatch(new ConsumedEvent(AvroEvents.fromAvro(events.get(i)).orElseThrow(), "direct", 0, i,
                    ReplayStatus.LIVE));
        }
        sink.flush();
    }

    /** @return every regular file under {@code dir} by relative path, with its content */
    public static Map<String, String> tree(Path dir) throws java.io.IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(java.nio.file.Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), java.nio.file.Files.readString(p));
            }
        }
        return files;
    }
}
