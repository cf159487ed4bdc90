package io.trainstream.cli.runs;

import io.trainstream.broker.EmbeddedKafkaBroker;
import io.trainstream.broker.junit.EmbeddedKafkaExtension;
import io.trainstream.cli.CliRun;
import io.trainstream.cli.ExitCodes;
import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.Lifecycle;
import io.trainstream.schemas.avro.RunKind;
import io.trainstream.schemas.avro.RunStatus;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import io.trainstream.schemas.kafka.RunSummarySerializer;
import io.trainstream.schemas.kafka.TrainerEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A run whose summary is missing or corrupt in the runs index is still found: events says so and scans the events topic. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RunsIndexFallbackTest {

    @TempDir
    Path home;

    @Test
    void eventsOfARunWhoseOnlySummaryNamesAnotherRunSaysSoAndPrintsTheEventsFromTheTopic(EmbeddedKafkaBroker broker)
            throws Exception {
        String events = "events-" + UUID.randomUUID();
        String runs = "runs-" + UUID.randomUUID();
        Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new TrainerEventSerializer());
             var index = new KafkaProducer<>(props, new StringSerializer(), new RunSummarySerializer())) {
            for (long seq = 0; seq < 3; seq++) {
                producer.send(new ProducerRecord<>(events, "run-real", event("run-real", seq))).get();
            }
            // the bit-flipped copy: keyed by the real run, its body names another run and points at nothing
            index.send(new ProducerRecord<>(runs, "run-real", summary("run-rea1", events))).get();
        }
        String[] connection = {"--bootstrap-servers", broker.bootstrapServers(), "--events-topic", events, "--runs-topic", runs};

        CliRun run = CliRun.run(home, with(connection, "events", "run-real"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"run_id\":\"run-real\""));
        assertThat(run.err()).contains("trainstream events: run run-real is not in the runs index (topic " + runs
                + "); scanning the events topic " + events);

        CliRun unknown = CliRun.run(home, with(connection, "events", "run-nowhere"));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).contains("no run 'run-nowhere' in the runs index (topic " + runs + ") nor on the events topic "
                + events);
    }

    private static String[] with(String[] connection, String... args) {
        String[] all = new String[connection.length + args.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(connection, 0, all, args.length, connection.length);
        return all;
    }

    private static TrainerEvent event(String runId, long seq) {
        return TrainerEvent.newBuilder().setRunId(runId).setSeq(seq).setTime(Instant.ofEpochMilli(1_700_000_000_000L + seq))
                .setProcessIndex(0).setProcessCount(1).setHost("test").setType(EventType.TRAIN_STEP_START).setEpoch(1)
                .setGlobalStep(seq).setStep(null).setPayload(new Lifecycle()).build();
    }

    private static RunSummary summary(String runId, String eventsTopic) {
        return RunSummary.newBuilder().setRunId(runId).setStatus(RunStatus.COMPLETED).setKind(RunKind.TRAIN)
                .setStartTime(Instant.ofEpochMilli(1_700_000_000_000L)).setHost("test").setConfig(Map.of())
                .setEpochsCompleted(0).setGlobalStep(0L).setEventsTopic(eventsTopic).setPartition(0)
                .setFirstOffset(1000).setLastOffset(1002L).setLastSeq(2L)
                .setUpdatedTime(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }
}
