package io.trainstream.consumers.runlog;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class RunsIndexTest {

    @Test
    void keepsTheLatestSummaryPerRunAndDropsTombstones(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            log.index("r1", log.summary("r1", RunStatus.RUNNING, 0, 0, null, null));
            log.index("r2", log.summary("r2", RunStatus.RUNNING, 0, 5, null, null));
            log.index("r1", log.summary("r1", RunStatus.COMPLETED, 0, 0, 4L, 4L));
            log.index("r3", log.summary("r3", RunStatus.RUNNING, 0, 9, null, null));
            log.index("r3", null);

            RunsIndex testSubject = RunsIndex.load(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            assertThat(testSubject.runs()).extracting(RunSummary::getRunId).containsExactly("r1", "r2");
            assertThat(testSubject.get("r1").getStatus()).isEqualTo(RunStatus.COMPLETED);
            assertThat(testSubject.find("r3")).isEmpty();
            assertThat(testSubject.undecodable()).isZero();
        }
    }

    @Test
    void aSummaryWhoseBodyNamesAnotherRunThanItsKeyIsSkippedAndCounted(EmbeddedKafkaBroker broker) throws Exception {
        try (LogFixture log = new LogFixture(broker.bootstrapServers(), 1)) {
            log.index("run-real", log.summary("run-real", RunStatus.COMPLETED, 0, 0, 4L, 4L));
            // a corrupted copy: the key of another run, the body of run-real (or the other way round)
            log.index("run-reaL", log.summary("run-real", RunStatus.RUNNING, 0, 0, null, null));
            log.index("run-other", log.summary("run-real", RunStatus.RUNNING, 0, 0, null, null));

            RunsIndex testSubject = RunsIndex.load(KafkaReadSettings.of(broker.bootstrapServers()), log.runsTopic);

            assertThat(testSubject.runs()).extracting(RunSummary::getRunId).containsExactly("run-real");
            assertThat(testSubject.get("run-real").getStatus()).isEqualTo(RunStatus.COMPLETED);
            assertThat(testSubject.find("run-reaL")).isEmpty();
            assertThat(testSubject.find("run-other")).isEmpty();
            assertThat(testSubject.mismatched()).isEqualTo(2);
            assertThat(testSubject.undecodable()).isZero();
        }
    }

    @Test
    void aRunsTopicThatDoesNotExistYetIsAnEmptyIndex(EmbeddedKafkaBroker broker) {
        RunsIndex testSubject = RunsIndex.load(KafkaReadSettings.of(broker.bootstrapServers()), "runs-never-created");

        assertThat(testSubject.size()).isZero();
        assertThat(testSubject.runs()).isEmpty();
    }
}
