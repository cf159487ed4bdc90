package io.trainstream.consumers.runlog;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.events.RunEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RunLogReader#stream}: the run's events one at a time, in seq order, each seq once, none kept. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RunLogStreamTest {

    @Test
    void streamsOneRunsEventsInSeqOrderAndHandsOverWhatReadReturns(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = -1;
            for (long seq = 0; seq < 1500; seq++) {
                long offset = log.append(0, LogFixture.event("run-a", seq));
                first = first < 0 ? offset : first;
                log.appendAsync(0, LogFixture.event("run-b", seq));
            }
            log.flush();
            log.index("run-a", log.summary("run-a", RunStatus.COMPLETED, 0, first, null, 1499L));
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);
            List<RunEvent> streamed = new ArrayList<>();

            StreamedRun run = testSubject.stream("run-a", streamed::add);

            assertThat(streamed).extracting(RunEvent::runId).containsOnly("run-a");
            assertThat(streamed).extracting(RunEvent::seq)
                    .containsExactlyElementsOf(LongStream.range(0, 1500).boxed().toList());
            assertThat(streamed).isEqualTo(testSubject.read("run-a").events());
            assertThat(run.events()).isEqualTo(1500);
            assertThat(run.isComplete()).isTrue();
        }
    }

    @Test
    void resendsAreDroppedAndGapsBadRecordsAndLateSeqsAreCounted(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("gappy", 0));
            log.append(0, LogFixture.event("gappy", 1));
            log.append(0, LogFixture.event("gappy", 1));          // a resend
            log.appendRaw(0, "gappy", new byte[] {1, 2, 3});      // corrupt
            log.append(0, LogFixture.event("gappy", 4));          // 2 and 3 skipped
            long last = log.append(0, LogFixture.event("gappy", 2)); // out of order
            log.index("gappy", log.summary("gappy", RunStatus.FAILED, 0, first, last, 4L));
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);
            List<Long> seqs = new ArrayList<>();

            StreamedRun run = testSubject.stream("gappy", e -> seqs.add(e.seq()));

            assertThat(seqs).containsExactly(0L, 1L, 4L);
            assertThat(run.duplicates()).isEqualTo(1);
            assertThat(run.undecodable()).isEqualTo(1);
            assertThat(run.late()).isEqualTo(1);
            assertThat(run.missingSeqs()).isEqualTo(1);
            assertThat(run.isComplete()).isFalse();
            // the collecting read slots the late seq in where it belongs
            RunLog collected = testSubject.read("gappy");
            assertThat(collected.events()).extracting(RunEvent::seq).containsExactly(0L, 1L, 2L, 4L);
            assertThat(collected.missingSeqs()).isEqualTo(1);
        }
    }

    @Test
    void overManySmallPollsOrderIsKeptAndACorruptRecordMidStreamIsCountedAsBefore(EmbeddedKafkaBroker broker)
            throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("long", 0));
            for (long seq = 1; seq < 3000; seq++) {
                log.appendAsync(0, LogFixture.event("long", seq));
                if (seq == 1700) {
                    log.flush();
                    log.appendRaw(0, "long", new byte[] {(byte) 0xC3, 1, 9, 9}); // corrupt, between 1700 and 1701
                }
            }
            log.flush();
            log.index("long", log.summary("long", RunStatus.COMPLETED, 0, first, null, 2999L));
            // 37 records per poll: ~80 polls, so the read-ahead queue fills and drains many times
            KafkaReadSettings small = new KafkaReadSettings(broker.bootstrapServers(), KafkaReadSettings.DEFAULT_TIMEOUT,
                    java.util.Map.of("max.poll.records", "37")).withReadAhead(true);
            RunLogReader testSubject = new RunLogReader(small, log.runsTopic);
            List<Long> seqs = new ArrayList<>();

            StreamedRun run = testSubject.stream("long", e -> seqs.add(e.seq()));

            assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, 3000).boxed().toList());
            assertThat(run.undecodable()).isEqualTo(1);
            assertThat(run.events()).isEqualTo(3000);
            assertThat(run.missingSeqs()).isZero();
            assertThat(ReadAheadTest.readAheadThreads()).isEmpty();
            // reading on the calling thread alone gives the same
            List<Long> inline = new ArrayList<>();
            StreamedRun alone = new RunLogReader(small.withReadAhead(false), log.runsTopic).stream("long", e -> inline.add(e.seq()));
            assertThat(inline).isEqualTo(seqs);
            assertThat(alone.undecodable()).isEqualTo(1);
        }
    }

    @Test
    void aVisitorFailureMidStreamComesOutAsItselfAndLeavesNoReadingThread(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            long first = log.append(0, LogFixture.event("stopped", 0));
            for (long seq = 1; seq < 2000; seq++) {
                log.appendAsync(0, LogFixture.event("stopped", seq));
            }
            log.flush();
            log.index("stopped", log.summary("stopped", RunStatus.COMPLETED, 0, first, null, 1999L));
            KafkaReadSettings small = new KafkaReadSettings(broker.bootstrapServers(), KafkaReadSettings.DEFAULT_TIMEOUT,
                    java.util.Map.of("max.poll.records", "50")).withReadAhead(true);
            RunLogReader testSubject = new RunLogReader(small, log.runsTopic);
            IllegalStateException boom = new IllegalStateException("the visitor gave up");
            List<Long> seqs = new ArrayList<>();

            assertThatThrownBy(() -> testSubject.stream("stopped", e -> {
                if (e.seq() == 500) {
                    throw boom;
                }
                seqs.add(e.seq());
            })).isSameAs(boom);

            assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
            assertThat(ReadAheadTest.readAheadThreads()).isEmpty();
            // the reader is still usable: a second stream reads the whole run
            assertThat(testSubject.stream("stopped", e -> { }).events()).isEqualTo(2000);
        }
    }

    @Test
    void anUnknownRunIsReportedByItsId(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            RunLogReader testSubject = new RunLogReader(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            assertThatThrownBy(() -> testSubject.stream("nope", e -> { }))
                    .isInstanceOf(UnknownRunException.class).hasMessageContaining("'nope'");
        }
    }
}
