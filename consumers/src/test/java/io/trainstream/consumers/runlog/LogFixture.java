package io.trainstream.consumers.runlog;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.MetricUpdate;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.schemas.kafka.RunSummarySerializer;
import io.trainstream.schemas.kafka.TrainerEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Writes events and run summaries straight to a test's own topics with the schemas' serializers. */
final class LogFixture implements AutoCloseable {

    final String eventsTopic = "events-" + UUID.randomUUID();
    final String runsTopic = "runs-" + UUID.randomUUID();
    private final KafkaProducer<String, TrainerEvent> events;
    private final KafkaProducer<String, RunSummary> summaries;
    private final KafkaProducer<String, byte[]> raw;

    LogFixture(String bootstrap, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(eventsTopic, partitions, (short) 1),
                    new NewTopic(runsTopic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        events = new KafkaProducer<>(props, new StringSerializer(), new TrainerEventSerializer());
        summaries = new KafkaProducer<>(props, new StringSerializer(), new RunSummarySerializer());
        raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Appends one event to a partition and returns its offset. */
    long append(int partition, TrainerEvent event) throws ExecutionException, InterruptedException {
        RecordMetadata meta = events.send(new ProducerRecord<>(eventsTopic, partition, event.getRunId(), event)).get();
        return meta.offset();
    }

    /** Appends one event without waiting for it; see {@link #flush()}. */
    void appendAsync(int partition, TrainerEvent event) {
        events.send(new ProducerRecord<>(eventsTopic, partition, event.getRunId(), event));
    }

    /** Waits until every event appended so far is acknowledged. */
    void flush() {
        events.flush();
    }

    /** Appends raw bytes (or null) keyed by a run id and returns the offset. */
    long appendRaw(int partition, String key, byte[] value) throws ExecutionException, InterruptedException {
        return raw.send(new ProducerRecord<>(eventsTopic, partition, key, value)).get().offset();
    }

    /** Writes a summary (null = tombstone) to the runs topic. */
    void index(String runId, RunSummary summary) throws ExecutionException, InterruptedException {
        summaries.send(new ProducerRecord<>(runsTopic, runId, summary)).get();
    }

    /** An event of a run: metric updates carry their seq as value so tests can tell them apart. */
    static TrainerEvent event(String runId, long seq) {
        Object payload = seq % 2 == 0 ? new Lifecycle() : new MetricUpdate("loss", (double) seq);
        EventType type = seq % 2 == 0 ? EventType.TRAIN_STEP_START : EventType.METRIC_UPDATE;
        return TrainerEvent.newBuilder().setRunId(runId).setSeq(seq).setTime(Instant.ofEpochMilli(1_700_000_000_000L + seq))
                .setProcessIndex(0).setProcessCount(1).setHost("test").setType(type).setEpoch(1)
                .setGlobalStep(seq).setStep(null).setPayload(payload).build();
    }

    /** A summary pointing at {@code [first, last]} of a partition; {@code last} null for a running run. */
    RunSummary summary(String runId, RunStatus status, int partition, long first, Long last, Long lastSeq) {
        return RunSummary.newBuilder().setRunId(runId).setStatus(status).setKind(RunKind.TRAIN)
                .setStartTime(Instant.ofEpochMilli(1_700_000_000_000L)).setHost("test").setConfig(Map.of())
                .setEpochsCompleted(0).setGlobalStep(0L).setEventsTopic(eventsTopic).setPartition(partition)
                .setFirstOffset(first).setLastOffset(last).setLastSeq(lastSeq)
                .setUpdatedTime(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    @Override
    public void close() {
        events.close();
        summaries.close();
        raw.close();
    }
}
