package io.trainstream.trainer.kafka;

import ai.djl.training.dataset.Batch;
import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.EmbeddedKafkaConfig;
import io.trainstream.schemas.RunSummaryCodec;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (a): the broker stops in the middle of a real training run for longer than the producer's
 * {@code delivery.timeout.ms}, then comes back on the same port and data. Events spill to the outbox
 * while training goes on, drain in order, and the topic ends up with every event of the run, each seq
 * once in order for a deduping consumer; the runs index says COMPLETED. The step rates before, during
 * and after the outage are measured and reported (target/reliability/broker-outage.json), not
 * asserted: on a shared machine they are noise.
 */
class BrokerOutageTest {

    private static final long DELIVERY_TIMEOUT_MS = 2_000;
    private static final long OUTAGE_MS = 4_000;
    private static final Duration SPILL_WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void guardAgainstBrokerHalts() {
        KafkaHaltGuard.install();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyEventIsDeliveredOnceInOrderAcrossAnOutage(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build())
                .start();
        try {
            KafkaPublisherConfig config = KafkaPublisherConfig.builder(broker.bootstrapServers())
                    .addProducerOverride("delivery.timeout.ms", String.valueOf(DELIVERY_TIMEOUT_MS))
                    .addProducerOverride("request.timeout.ms", "1000")
                    .addProducerOverride("reconnect.backoff.max.ms", "200")
                    .optFlushTimeout(Duration.ofSeconds(5)).optOutboxDir(dir.resolve("outbox")).build();
            TopicSetup.ensureTopics(config, Duration.ofSeconds(20));
            StepClock clock = new StepClock();
            DeliveryReport report;
            TrainingScenario.Outcome outcome;
            Outage outage;
            try (KafkaEventPublisher testSubject = new KafkaEventPublisher(config)) {
                outage = new Outage(broker, () -> testSubject.deliveryReport().spilled());
                outcome = TrainingScenario.run(testSubject, 8, 99, 32 * 250, clock, outage);
                outage.thread.join(SPILL_WAIT.toMillis() + OUTAGE_MS + 30_000);
                assertThat(outage.thread.isAlive()).as("the broker restart did not finish in time").isFalse();
                assertThat(outage.error).as("stopping or restarting the broker failed").isNull();
                assertThat(outage.spilledBeforeRestart).as("events spilled to the outbox while the broker was down")
                        .isPositive();
                boolean flushed = testSubject.flush(Duration.ofSeconds(30));
                if (!flushed) {
                    dumpPublisherThreads();
                }
                assertThat(flushed).as("flush within 30 s of the broker's return: " + testSubject.deliveryReport().message()
                        + "; outbox " + testSubject.outboxPositions() + "; missing on the topic: "
                        + LogCheck.missing(TopicReader.readAll(broker.bootstrapServers(), config.eventsTopic())))
                        .isTrue();
                report = testSubject.deliveryReport();
            }
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.bootstrapServers(),
                    config.eventsTopic());
            LogCheck log = LogCheck.of(records);
            long published = report.published();
            assertThat(report.spilled()).as("events went to the outbox during the outage").isPositive();
            assertThat(log.outOfOrder()).as("first occurrences out of seq order").isZero();
            assertThat(log.distinct()).as("distinct events of the run on the topic").containsEntry(outcome.runId(), published);
            assertThat(log.maxSeq()).containsEntry(outcome.runId(), published - 1);
            RunSummary last = lastSummary(broker.bootstrapServers(), config.runsTopic(), outcome.runId());
            assertThat(last.getStatus()).isEqualTo(RunStatus.COMPLETED);
            assertThat(last.getLastSeq()).isEqualTo(published - 1);

            // epoch 1 is JIT warm-up: the baseline is epoch 2, up to the broker's stop
            double before = clock.rate(clock.firstEpochEnd, outage.stoppedAt);
            // epochs 7 and 8 (the training thread waits for the restart at epoch 7), drain included
            double after = clock.rate(outage.restartedAt, Long.MAX_VALUE);
            double during = clock.rate(outage.stoppedAt, outage.restartedAt);
            double normal = Math.max(before, after);
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("published", published);
            numbers.put("delivered_distinct", log.totalDistinct());
            numbers.put("lost", published - log.totalDistinct());
            numbers.put("duplicates_on_topic", log.duplicates());
            numbers.put("duplicates_after_dedupe", 0);
            numbers.put("out_of_order", log.outOfOrder());
            numbers.put("spilled", report.spilled());
            numbers.put("drained", report.drained());
            numbers.put("outage_ms", (outage.restartedAt - outage.stoppedAt) / 1_000_000);
            numbers.put("steps_per_s_before", Math.round(before));
            numbers.put("steps_per_s_outage", Math.round(during));
            numbers.put("steps_per_s_after", Math.round(after));
            numbers.put("outage_rate_ratio", normal == 0 ? 0 : Math.round(during / normal * 1000) / 1000.0);
            numbers.put("test_ms", (System.nanoTime() - began) / 1_000_000);
            ReliabilityResults.write("broker-outage", numbers);
        } finally {
            broker.close();
        }
    }

    private static void dumpPublisherThreads() {
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("trainstream") || t.getName().startsWith("kafka-producer")) {
                System.out.println("THREAD " + t.getName() + " " + t.getState() + " "
                        + java.util.Arrays.toString(java.util.Arrays.copyOf(stack, Math.min(12, stack.length))));
            }
        });
    }

    private static RunSummary lastSummary(String servers, String topic, String runId) {
        RunSummary last = null;
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(servers, topic)) {
            RunSummary summary = RunSummaryCodec.decode(record.value());
            if (summary.getRunId().equals(runId)) {
                last = summary;
            }
        }
        assertThat(last).as("run " + runId + " in the runs index").isNotNull();
        return last;
    }

    /** Times each train step end (training thread). */
    static final class StepClock implements TrainerCallback {
        private final long[] ends = new long[200_000];
        private int count;
        volatile long firstEpochEnd;

        @Override
        public void onTrainStepEnd(Trainer trainer, Batch batch, StepOutput output) {
            if (count < ends.length) {
                ends[count++] = System.nanoTime();
            }
        }

        @Override
        public void onTrainEpochEnd(Trainer trainer) {
            if (firstEpochEnd == 0) {
                firstEpochEnd = System.nanoTime();
            }
        }

        /** @return steps per second between two instants (pauses and eval excluded: only step gaps < 50 ms count) */
        double rate(long from, long to) {
            long steps = 0;
            long busy = 0;
            for (int i = 1; i < count; i++) {
                if (ends[i - 1] >= from && ends[i] <= to) {
                    long gap = ends[i] - ends[i - 1];
                    if (gap < 50_000_000L) {
                        steps++;
                        busy += gap;
                    }
                }
            }
            return steps == 0 ? 0 : steps / (busy / 1e9);
        }
    }

    /**
     * At the start of epoch 3 stops the broker from another thread (epoch 2 is the "before" baseline). The broker comes back
     * {@link #OUTAGE_MS} after the publisher has begun to spill (so the outage is always longer than
     * {@code delivery.timeout.ms} and always seen by the publisher, however fast this machine trains).
     * If training reaches epoch 5 before spilling began, the training thread waits for it, and at
     * epoch 7 it waits for the broker's return (both bounded), so epochs 7 and 8 run with the broker
     * back; such pauses are longer than 50 ms and so left out of the step rates.
     */
    static final class Outage implements TrainerCallback {
        final Thread thread;
        private final LongSupplier spilled;
        volatile long stoppedAt;
        volatile long restartedAt;
        volatile long spilledBeforeRestart;
        volatile Throwable error;

        Outage(EmbeddedKafkaBroker broker, LongSupplier spilled) {
            this.spilled = spilled;
            this.thread = new Thread(() -> {
                try {
                    broker.stop();
                    stoppedAt = System.nanoTime();
                    awaitSpill(SPILL_WAIT);
                    Thread.sleep(OUTAGE_MS);
                    spilledBeforeRestart = spilled.getAsLong();
                    broker.start();
                    restartedAt = System.nanoTime();
                } catch (Throwable e) {
                    error = e;
                }
            }, "broker-outage");
        }

        private void awaitSpill(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (spilled.getAsLong() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void onTrainEpochStart(Trainer trainer) {
            int epoch = trainer.runHistory().currentEpoch();
            if (epoch == 3) {
                thread.start();
            } else if (epoch == 5 && stoppedAt != 0 && restartedAt == 0) {
                try {
                    awaitSpill(SPILL_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (epoch == 7) {
                // the last two epochs train with the broker back, for the "after" step rate
                try {
                    thread.join(SPILL_WAIT.toMillis() + OUTAGE_MS + 30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
