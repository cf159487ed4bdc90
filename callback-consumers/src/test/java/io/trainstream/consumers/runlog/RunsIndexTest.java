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
    void aRunsTopicThatDoesNotExistYetIsAnEmptyIndex(EmbeddedKafkaBroker broker) {
        RunsIndex testSubject = RunsIndex.load(KafkaReadSettings.of(broker.bootstrapServers()), "runs-never-created");

        assertThat(testSubject.size()).isZero();
        assertThat(testSubject.runs()).isEmpty();
    }
}
