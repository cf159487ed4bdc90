package io.trainstream.consumers.runtime;

import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.trainstream.consumers.runtime.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner with decoding on its own thread ({@link RunnerConfig#decodeAhead()}, {@link DecodeAhead}): a rebalance mid-stream loses
 * nothing and duplicates nothing beyond a reset, and a close mid-stream leaves no thread and commits
 * exactly what the sink handled.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsumerRunnerPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRebalanceMidStreamLosesNothingAndEachSinkSeesEachEventOnceBetweenResets() throws Exception {
        String topic = KafkaTestSupport.newTopic("runner-rebalance", 4);
        List<TrainerEvent> all = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            all.addAll(SyntheticRun.events("run-" + r, 8, 40));
        }
        produceAll(topic, 4, all);
        // small polls and a slow sink: the first runner is mid-stream, with a poll decoded ahead, when the second joins
        RunnerConfig config = KafkaTestSupport.config(topic).addClientOverride("max.poll.records", "40")
                .addClientOverride("heartbeat.interval.ms", "300").optCommitEveryRecords(200).optDecodeAhead(true).build();
        ResettingSink first = new ResettingSink(1);
        ResettingSink second = new ResettingSink(0);
        try (ConsumerRunner a = new ConsumerRunner(first, config).start()) {
            await("the first runner mid-stream", () -> first.handledCount() > all.size() / 10, WAIT);
            try (ConsumerRunner b = new ConsumerRunner(second, config).start()) {
                await("every event handled by one of them", () -> covered(first, second).size() == all.size(), WAIT);
                await("both caught up", () -> a.caughtUp() && b.caughtUp() && a.stats().lag() == 0, WAIT);
                assertThat(b.stats().processed()).as("the second runner took partitions").isPositive();
            }
        }

        Set<String> expected = new HashSet<>();
        all.forEach(e -> expected.add(e.getRunId() + "#" + e.getSeq()));
        assertThat(covered(first, second)).isEqualTo(expected);
        assertThat(first.resets).as("the first runner went through a rebalance").isPositive();
        first.assertEachSeqOnceInOrderBetweenResets();
        second.assertEachSeqOnceInOrderBetweenResets();
    }

    @Test
    void aCloseMidStreamLeavesNoDecoderThreadAndCommitsExactlyWhatWasHandled() throws Exception {
        String topic = KafkaTestSupport.newTopic("runner-close-mid", 1);
        List<TrainerEvent> run = SyntheticRun.events("run-long", 10, 60);
        KafkaTestSupport.produce(topic, run);
        ResettingSink slow = new ResettingSink(5);
        RunnerConfig config = KafkaTestSupport.config(topic).addClientOverride("max.poll.records", "100")
                .optDecodeAhead(true).build();
        ConsumerRunner testSubject = new ConsumerRunner(slow, config).start();
        await("mid-stream", () -> slow.handledCount() > run.size() / 4, WAIT);
        assertThat(decoderThreads()).as("the decoder thread while running").hasSize(1);

        testSubject.close();

        assertThat(testSubject.stats().state()).isEqualTo(ConsumerStats.State.STOPPED);
        assertThat(slow.handledCount()).isLessThan(run.size());
        for (Thread t : decoderThreads()) {
            t.join(5_000);   // an executor reports termination just before its thread returns
        }
        assertThat(decoderThreads()).isEmpty();
        assertThat(committed(testSubject.groupId(), new TopicPartition(topic, 0))).isEqualTo(slow.handledCount());
        slow.assertEachSeqOnceInOrderBetweenResets();
    }

    /**
     * Produces once every partition has its leader, and checks that all landed: on a loaded machine a
     * first produce to a new topic met NOT_LEADER_OR_FOLLOWER and lost records silently.
     */
    private static void produceAll(String topic, int partitions, List<TrainerEvent> events) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestSupport.bootstrap()))) {
            await("partition leaders", () -> {
                try {
                    admin.listOffsets(latest).all().get();
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }, WAIT);
            KafkaTestSupport.produce(topic, events);
            long written = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            assertThat(written).as("records the test producer wrote").isEqualTo(events.size());
        }
    }

    private static Set<String> covered(ResettingSink... sinks) {
        Set<String> seen = new HashSet<>();
        for (ResettingSink sink : sinks) {
            synchronized (sink) {
                sink.log.stream().filter(e -> e.event != null).forEach(e -> seen.add(e.event.runId() + "#" + e.event.seq()));
            }
        }
        return seen;
    }

    private static List<Thread> decoderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(DecodeAhead.THREAD_PREFIX) && t.isAlive()).toList();
    }

    private static long committed(String group, TopicPartition tp) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestSupport.bootstrap()))) {
            OffsetAndMetadata at = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
            return at == null ? 0 : at.offset();
        }
    }

    /**
     * Records handled events and resets in order; until its first reset, handles every {@code slowEvery}th
     * event slowly (so that a rebalance finds it mid-stream).
     */
    private static final class ResettingSink implements EventSink {
        final List<Entry> log = new ArrayList<>();
        volatile int resets;
        private final int slowEvery;
        private int handled;

        ResettingSink(int slowEvery) {
            this.slowEvery = slowEvery;
        }

        record Entry(ConsumedEvent event, Set<Integer> reset) {}

        @Override
        public String name() {
            return "pipeline";
        }

        @Override
        public boolean supportsReplay() {
            return true;
        }

        @Override
        public synchronized void handle(ConsumedEvent event) {
            log.add(new Entry(event, null));
            handled++;
            if (slowEvery > 0 && handled % slowEvery == 0 && resets == 0) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public synchronized void onReset(Set<Integer> partitions, ResetReason reason) {
            log.add(new Entry(null, partitions));
            resets++;
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        synchronized int handledCount() {
            return handled;
        }

        /** Between two resets of its partition, each run's seqs come once each, increasing. */
        synchronized void assertEachSeqOnceInOrderBetweenResets() {
            Map<String, Long> lastSeq = new HashMap<>();
            Map<String, Integer> partitionOf = new HashMap<>();
            for (Entry entry : log) {
                if (entry.reset != null) {
                    lastSeq.keySet().removeIf(run -> entry.reset.contains(partitionOf.get(run)));
                    continue;
                }
                String run = entry.event.runId();
                partitionOf.put(run, entry.event.partition());
                Long before = lastSeq.put(run, entry.event.seq());
                if (before != null) {
                    assertThat(entry.event.seq()).as("%s after seq %d", run, before).isGreaterThan(before);
                }
            }
        }
    }
}
