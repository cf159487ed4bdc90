package io.trainstream.trainer.kafka;

import io.trainstream.events.EventBody;
import io.trainstream.events.EventHeader;
import io.trainstream.events.RunEvent;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.trainstream.trainer.outbox.OutboxUnavailableException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delivery accounting and the outbox's redelivery, on Kafka's MockProducer (the broker path is covered by the integration tests). */
class KafkaEventPublisherTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final MockProducer<String, byte[]> second =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>(List.of(producer, second));
    private final List<DeliveryFailure> failures = new CopyOnWriteArrayList<>();
    @TempDir
    Path outboxDir;

    private KafkaEventPublisher publisher(int queueCapacity) {
        KafkaPublisherConfig config = KafkaPublisherConfig.builder("unused:9092").optQueueCapacity(queueCapacity)
                .optFlushTimeout(Duration.ofMillis(200)).optOutboxDir(outboxDir).build();
        return new KafkaEventPublisher(config, failures::add, () -> producers.remove(0), new EventConverter("h"));
    }

    @Test
    void aFailedSendIsNotLostButRedeliveredInOrderByTheNextProducer() {
        try (KafkaEventPublisher testSubject = publisher(16)) {
            for (int seq = 0; seq < 4; seq++) {
                testSubject.publish(metric(seq));
            }
            awaitSent(4);
            producer.completeNext();
            producer.errorNext(new NotEnoughReplicasException("isr too small"));

            assertThat(testSubject.flush(Duration.ofSeconds(10))).isTrue();
            DeliveryReport report = testSubject.deliveryReport();
            assertThat(report.published()).isEqualTo(4);
            assertThat(report.delivered()).isEqualTo(4);
            assertThat(report.failed()).isZero();
            assertThat(report.spilled() + report.drained()).isPositive();
            assertThat(second.history()).extracting(r -> metricSeq(r.value())).containsExactly(1L, 2L, 3L);
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aRecordKafkaRefusesForGoodIsReportedAsRejectedAndDoesNotStallTheOthers() {
        try (KafkaEventPublisher testSubject = publisher(16)) {
            testSubject.publish(metric(0));
            testSubject.publish(metric(1));
            awaitSent(2);
            producer.errorNext(new RecordTooLargeException("too big for the broker"));
            producer.completeNext();

            assertThat(testSubject.flush(Duration.ofSeconds(5))).isFalse();
            assertThat(testSubject.deliveryReport().delivered()).isEqualTo(1);
            assertThat(failures).extracting(DeliveryFailure::reason).containsExactly(DeliveryFailure.Reason.REJECTED);
            assertThat(testSubject.deliveryReport().message()).contains("lost seq 0", "too big for the broker");
        }
    }

    @Test
    void aNonWritableOutboxDirectoryGivesOneLineNamingIt() throws Exception {
        Path blocked = outboxDir.resolve("blocked");
        java.nio.file.Files.writeString(blocked, "a file, not a directory");
        KafkaPublisherConfig config = KafkaPublisherConfig.builder("unused:9092").optOutboxDir(blocked).build();

        assertThatThrownBy(() -> new KafkaEventPublisher(config, failures::add, () -> producer, new EventConverter("h")))
                .isInstanceOf(OutboxUnavailableException.class)
                .hasMessageContaining(blocked.toString())
                .hasMessageNotContaining("\n");
    }

    private static long metricSeq(byte[] value) {
        return io.trainstream.schemas.EventCodec.decode(value).getSeq();
    }

    @Test
    void flushReturnsFalseWhenEventsAreStillPendingAtTheTimeout() {
        try (KafkaEventPublisher testSubject = publisher(16)) {
            testSubject.publish(metric(0));
            awaitSent(1);

            long start = System.nanoTime();
            assertThat(testSubject.flush(Duration.ofMillis(100))).isFalse();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
            assertThat(testSubject.deliveryReport().pending()).isEqualTo(1);
            producer.completeNext();
            assertThat(testSubject.flush(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void eventsPublishedAfterCloseAreCountedAsLost() {
        KafkaEventPublisher testSubject = publisher(16);
        testSubject.close();

        testSubject.publish(metric(7));

        assertThat(testSubject.deliveryReport().failed()).isEqualTo(1);
        assertThat(failures).extracting(DeliveryFailure::reason).containsExactly(DeliveryFailure.Reason.CLOSED);
    }

    @Test
    void anEventThatDoesNotFitTheSchemaCannotReachThePublisher() {
        // a metric_update without a name used to be refused by the publisher's conversion (ENCODE_FAILED);
        // the typed event model refuses it where it is built
        assertThatThrownBy(() -> new EventBody.MetricUpdate(null, 0.5))
                .isInstanceOf(NullPointerException.class).hasMessage("metric_update name");
    }

    private void awaitSent(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (producer.history().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(producer.history()).hasSize(count);
    }

    private static RunEvent metric(long seq) {
        return new RunEvent(EventHeader.of("run-1", seq, 1000 + seq, "h", 1, seq, null),
                new EventBody.MetricUpdate("loss", 0.5));
    }
}
