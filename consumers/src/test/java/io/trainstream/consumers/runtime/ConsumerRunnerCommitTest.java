package io.trainstream.consumers.runtime;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** When the runner commits: asynchronously while catching up, and for good on a clean close. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumerRunnerCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aCleanCloseWhileTheSinkIsBusyStillCommitsWhatWasHandled() throws Exception {
        String topic = KafkaTestSupport.newTopic("runner-close", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-c", 1, 1);
        KafkaTestSupport.produce(topic, run);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink busy = new RecordingSink() {
            @Override
            public void handle(ConsumedEvent event) {
                if (event.seq() == 4) {
                    // the third poll: the partition's caught-up signal (which asks for its position) is past
                    entered.countDown();
                    awaitLatch(release);
                }
                super.handle(event);
            }
        };
        // no commit before the final one: it alone must carry the offsets
        RunnerConfig config = KafkaTestSupport.config(topic).optCommitInterval(Duration.ofMinutes(5))
                .optCommitEveryRecords(1_000_000).addClientOverride("max.poll.records", "2").build();
        ConsumerRunner testSubject = new ConsumerRunner(busy, config).start();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // close() wakes the consumer while the loop is in the sink, not in poll(): the wake-up stays pending
        Thread closer = new Thread(testSubject::close, "closer");
        closer.start();
        await("close() waiting for the loop", () -> closer.getState() == Thread.State.TIMED_WAITING, WAIT);
        release.countDown();
        closer.join(WAIT.toMillis());

        assertThat(testSubject.stats().state()).isEqualTo(ConsumerStats.State.STOPPED);
        assertThat(busy.handled).isNotEmpty();
        assertThat(committed(testSubject.groupId(), topic)).isEqualTo(busy.handled.size());
    }

    @Test
    void whileCatchingUpOffsetsAreCommittedWithoutWaitingToBeCaughtUp() throws Exception {
        String topic = KafkaTestSupport.newTopic("runner-async", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-a", 3, 4);
        assertThat(run).hasSizeGreaterThan(35);
        KafkaTestSupport.produce(topic, run);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink() {
            @Override
            public void handle(ConsumedEvent event) {
                if (event.seq() == 30) {
                    awaitLatch(release);   // still catching up: no empty poll yet, so no synchronous commit
                }
                super.handle(event);
            }
        };
        RunnerConfig config = KafkaTestSupport.config(topic).optCommitEveryRecords(5)
                .addClientOverride("max.poll.records", "5").build();
        try (ConsumerRunner testSubject = new ConsumerRunner(slow, config).start()) {
            await("commits while catching up", () -> committed(testSubject.groupId(), topic) >= 20, WAIT);
            assertThat(slow.handled).hasSize(30);
            release.countDown();
            await("all events", () -> slow.handled.size() == run.size(), WAIT);
        } finally {
            release.countDown();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the group's committed offset of the topic's partition 0, or -1 */
    private static long committed(String groupId, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestSupport.bootstrap()))) {
            OffsetAndMetadata at = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return at == null ? -1 : at.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
