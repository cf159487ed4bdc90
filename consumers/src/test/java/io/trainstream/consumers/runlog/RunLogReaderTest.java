package io.trainstream.consumers.runlog;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.events.RunEvent;
import io.trainstream.schemas.avro.TrainerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtension.class)
class RunLogReaderTest {

    @Test
    void readsExactlyOneRunsEventsInSeqOrderFromInterleavedRecords(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 2)) {
            // garbage keyed by run A before its first offset: a reader that scanned would count it
            log.appendRaw(0, "run-a", "not avro".getBytes(StandardCharsets.UTF_8));
            long first = -1;
            long last = -1;
            for (long seq = 0; seq < 6; seq++) {
                long offset = log.append(0, LogFixture.event("run-a", seq));
                first = first < 0 ? offset : first;
                last = offset;
                log.append(0, LogFixture.event("run-b", seq));
                log.append(1, LogFixture.event("run-c", seq));
            }
            log.append(0, LogFixture.event("run-b", 6));
            log.index("run-a", log.summary("run-a", RunStatus.COMPLETED, 0, first, last, 5L));
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            RunLog runLog = testSubject.read("run-a");

            assertThat(runLog.events()).extracting(RunEvent::runId).containsOnly("run-a");
            assertThat(runLog.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(runLog.undecodable()).isZero();
            assertThat(runLog.isComplete()).isTrue();
        }
    }

    @Test
    void aScanFindsARunTheIndexDoesNotKnowOnTheEventsTopic(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 2)) {
            for (long seq = 0; seq < 5; seq++) {
                log.append(1, LogFixture.event("unindexed", seq));
                log.append(0, LogFixture.event("other", seq));
                log.append(1, LogFixture.event("other-too", seq));
            }
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            RunLog runLog = testSubject.scan(log.eventsTopic, "unindexed").orElseThrow();

            assertThat(runLog.events()).extracting(RunEvent::runId).containsOnly("unindexed");
            assertThat(runLog.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(runLog.summary().getPartition()).isEqualTo(1);
            assertThat(runLog.summary().getStatus()).isEqualTo(RunStatus.UNKNOWN);
            assertThat(testSubject.scan(log.eventsTopic, "nowhere")).isEmpty();
        }
    }

    @Test
    void aRunningRunWithoutLastOffsetIsReadToThePartitionEnd(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("live", 0));
            log.index("live", log.summary("live", RunStatus.RUNNING, 0, first, null, null));
            for (long seq = 1; seq < 4; seq++) {
                log.append(0, LogFixture.event("live", seq));
            }

            RunLog runLog = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic).read("live");

            assertThat(runLog.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void aSummaryWrittenBeforeItsLastEventsLandedIsReadOnUntilLastSeq(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("late", 0));
            log.append(0, LogFixture.event("other", 0));
            log.append(0, LogFixture.event("late", 1));
            log.append(0, LogFixture.event("late", 2));
            log.index("late", log.summary("late", RunStatus.COMPLETED, 0, first, first, 2L));

            RunLog runLog = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic).read("late");

            assertThat(runLog.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void duplicatesAreDroppedAndGapsAndBadRecordsAreCounted(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("gappy", 0));
            log.append(0, LogFixture.event("gappy", 1));
            log.append(0, LogFixture.event("gappy", 1));
            log.appendRaw(0, "gappy", new byte[] {1, 2, 3});
            long last = log.append(0, LogFixture.event("gappy", 3));
            log.index("gappy", log.summary("gappy", RunStatus.FAILED, 0, first, last, 3L));

            RunLog runLog = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic).read("gappy");

            assertThat(runLog.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 3L);
            assertThat(runLog.undecodable()).isEqualTo(1);
            assertThat(runLog.missingSeqs()).isEqualTo(1);
            assertThat(runLog.isComplete()).isFalse();
        }
    }

    @Test
    void anUnknownRunIsReportedByItsId(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            assertThatThrownBy(() -> testSubject.read("nope"))
                    .isInstanceOf(UnknownRunException.class).hasMessageContaining("'nope'").hasMessageContaining(log.runsTopic);
        }
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeout() {
        RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of("127.0.0.1:1").withTimeout(Duration.ofSeconds(2)),
                "trainstream.runs");
        long start = System.nanoTime();

        assertThatThrownBy(() -> testSubject.read("x"))
                .isInstanceOf(RunLogUnavailableException.class).hasMessageContaining("127.0.0.1:1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void manyEventsComeBackInOrder(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            for (long seq = 0; seq < 2000; seq++) {
                log.appendAsync(0, LogFixture.event("big", seq));
            }
            log.flush();
            log.index("big", log.summary("big", RunStatus.COMPLETED, 0, 0, null, 1999L));

            List<RunEvent> events = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic)
                    .read("big").events();

            assertThat(events).extracting(RunEvent::seq)
                    .containsExactlyElementsOf(LongStream.range(0, 2000).boxed().toList());
        }
    }
}
