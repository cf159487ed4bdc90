package io.trainstream.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Warms the code that runs once per produce request, on both sides, the way hours of publishing at a
 * training run's rate would: many small requests, each flushed before the next, with the publisher's
 * producer settings and real encoded events, to a topic of its own on the same broker.
 *
 * <p>Why: at the bench MLP's rate the publisher sends ~60-100 requests a second, so the per-request code
 * (the producer's network client, the broker's network threads and request handlers, log append) reaches
 * the JIT's thresholds only after minutes; a burst at full speed packs thousands of records into each
 * request and hardly runs it (issue 11 per-request.md: the broker's CPU per request kept falling up to a
 * 12M-event burst). The cold figure is reported apart, so this only makes "steady" mean steady.
 */
final class RequestWarmup {

    static final String TOPIC = "bench.costperevent.warmup";

    private RequestWarmup() {}

    /**
     * @return what was done: requests, records per request, seconds
     */
    static Map<String, Object> run(String bootstrap, EventMix mix, int requests, int recordsPerRequest)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        List<byte[]> values = mix.encoded("run-request-warmup", mix.eventsPerEpoch());
        Map<String, Object> props = new HashMap<>(ProducerSection.PRODUCER_SETTINGS);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        long start = System.nanoTime();
        int next = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int r = 0; r < requests; r++) {
                for (int i = 0; i < recordsPerRequest; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "run-request-warmup", values.get(next)));
                    next = (next + 1) % values.size();
                }
                producer.flush();
            }
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("requests", requests);
        done.put("records_per_request", recordsPerRequest);
        done.put("seconds", (System.nanoTime() - start) / 1e9);
        return done;
    }
}
