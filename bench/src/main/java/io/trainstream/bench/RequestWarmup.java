package io.trainstream.bench;

import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

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
 *
 * <p>The requests have the shapes the publisher's have: mostly events to one partition, and every fourth
 * request also a run summary to a compacted runs topic (the publisher writes one per run per second, and
 * at each run's start and end). With events alone, the broker's C2 code for single-partition requests was
 * deoptimized and recompiled during the measured runs (JFR on the broker: class-check deoptimizations in
 * the Scala collections of the produce path, and ~2 s of C2 compiles of {@code ReplicaManager} and
 * {@code LogSegment.append}), up to 60 µs/event of the broker's figure in a long run.
 */
final class RequestWarmup {

    static final String TOPIC = "bench.costperevent.warmup";
    /** Every this many requests carries a run summary too. */
    private static final int SUMMARY_EVERY = 4;

    private RequestWarmup() {}

    /**
     * @return what was done: requests, records per request, seconds
     */
    static Map<String, Object> run(String bootstrap, EventMix mix, int requests, int recordsPerRequest)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        // topics of their own, made as the publisher makes its own (TopicSetup: the runs topic compacted)
        KafkaPublisherConfig topics = KafkaPublisherConfig.builder(bootstrap).optEventsTopic(TOPIC)
                .optRunsTopic(TOPIC + ".runs").build();
        TopicSetup.ensureTopics(topics, Duration.ofSeconds(30));
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
                if (r % SUMMARY_EVERY == 0) {
                    // the broker reads no value: a run_start-sized record keyed by its run, as a summary is
                    producer.send(new ProducerRecord<>(topics.runsTopic(), "run-request-warmup", values.get(0)));
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
