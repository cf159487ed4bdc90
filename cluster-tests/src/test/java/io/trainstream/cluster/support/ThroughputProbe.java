package io.trainstream.cluster.support;

import io.trainstream.trainer.kafka.TopicReader;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.broker.KafkaClusterConfig;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;

/**
 * The measurement behind SCALING.md, not a test (surefire does not run it): on a 1-node and then a
 * 3-node cluster, each node its own JVM, (a) one real training run published through trainstream's
 * publisher: events, events per second, bytes per event on the topic; (b) raw producer throughput with
 * the publisher's settings (idempotent, acks=all, lz4, linger 10 ms, 128 KiB batches, one request in
 * flight), 200-byte records, 6 partitions, replication 1 vs 3 (min ISR 1 vs 2).
 *
 * <pre>
 * run by ThroughputProbeTest on request (see there); arguments: work directory, records, e.g.
 *     target/probe 300000
 * </pre>
 */
public final class ThroughputProbe {

    private ThroughputProbe() {}

    /** @param args work directory, records for the raw producer measurement */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int records = Integer.parseInt(args[1]);
        Map<String, Object> results = new LinkedHashMap<>();
        for (int nodes : List.of(1, 3)) {
            Path dir = work.resolve("nodes-" + nodes);
            Files.createDirectories(dir);
            try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(KafkaClusterConfig.builder(dir.resolve("kafka"))
                    .optNodes(nodes).optNumPartitions(6).build()).start()) {
                results.put(nodes + "-node training", training(cluster, dir));
                results.put(nodes + "-node producer", producer(cluster.bootstrapServers(), records));
            }
        }
        ClusterResults.write("throughput-probe", results);
    }

    private static Map<String, Object> training(EmbeddedKafkaCluster cluster, Path dir) {
        KafkaPublisherConfig config = ClusterPublishing.config(cluster.bootstrapServers(), "probe", dir.resolve("outbox"),
                Map.of());
        TopicSetup.ensureTopics(config, Duration.ofSeconds(60));
        ClusterTraining.run(io.trainstream.trainer.event.EventPublisher.NONE, 1, 400);  // DJL warm-up, not published
        long began = System.nanoTime();
        String runId;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config)) {
            runId = ClusterTraining.run(publisher, 5, 400);
            publisher.flush(Duration.ofSeconds(120));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long events = 0;
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(cluster.bootstrapServers(), Map.of(),
                config.eventsTopic())) {
            if (runId.equals(record.key())) {
                events++;
                bytes += record.serializedValueSize() + record.serializedKeySize();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", 5 * 400);
        out.put("events", events);
        out.put("seconds", Math.round(seconds * 100) / 100.0);
        out.put("events_per_second", Math.round(events / seconds));
        out.put("bytes_per_event", bytes / Math.max(1, events));
        return out;
    }

    private static Map<String, Object> producer(String servers, int records) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        Random random = new Random(1);
        byte[][] values = new byte[64][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[200];
            random.nextBytes(values[i]);
            for (int b = 0; b < 120; b++) {
                values[i][b] = (byte) ("train_step_end loss epoch ".charAt(b % 26)); // field names compress, values do not
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Future<?> last = null;
            for (int i = 0; i < 20_000; i++) {   // warm-up
                last = producer.send(new ProducerRecord<>("probe.raw", ("run-" + (i % 8)).getBytes(), values[i % 64]));
            }
            last.get();
            long began = System.nanoTime();
            for (int i = 0; i < records; i++) {
                last = producer.send(new ProducerRecord<>("probe.raw", ("run-" + (i % 8)).getBytes(), values[i % 64]));
            }
            last.get();
            producer.flush();
            double seconds = (System.nanoTime() - began) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("records", records);
            out.put("seconds", Math.round(seconds * 100) / 100.0);
            out.put("records_per_second", Math.round(records / seconds));
            return out;
        }
    }
}
